package dev.moviola.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The valid movies the fuzz tests start from: the shared real-estate example (as it is, and without the element
 * types this version refuses) and small documents of our own under {@code /dev/moviola/fuzz/} covering pictures,
 * video, sound, text, transitions, variables, expressions, conditions, iterate, import and preload. Every URL is
 * pointed at loopback port 9 (nothing listens there): a fuzzed movie that is rendered never leaves the machine.
 */
public final class FuzzSeeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OWN = List.of("minimal", "pictures", "sound-and-video", "text", "iterate");

    private FuzzSeeds() {
    }

    /** Name → document. */
    public static Map<String, JsonNode> all() {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        JsonNode example = load("/dev/moviola/examples/real-estate-listing.json");
        out.put("real-estate-listing", example);
        out.put("real-estate-listing (supported elements)", supportedOnly(example));
        for (String name : OWN) {
            out.put(name, load("/dev/moviola/fuzz/" + name + ".json"));
        }
        return out;
    }

    /** The example without its voice, subtitles, title component and AI picture, which this version refuses. */
    private static JsonNode supportedOnly(JsonNode example) {
        ObjectNode movie = example.deepCopy();
        ObjectNode twilight = (ObjectNode) movie.at("/preload/0");
        twilight.remove(List.of("prompt", "model"));
        twilight.put("src", "twilight.png");
        ArrayNode elements = (ArrayNode) movie.get("elements");
        elements.remove(2);
        elements.remove(1);
        ((ArrayNode) movie.at("/scenes/0/elements")).removeAll();
        return movie;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = FuzzSeeds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return offline(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every http(s) URL in the document moved to loopback port 9, keeping its path. */
    static JsonNode offline(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                ((ObjectNode) node).set(k, offline(node.get(k)));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, offline(node.get(i)));
            }
        } else if (node.isTextual() && node.asText().matches("(?i)https?://.*")) {
            return TextNode.valueOf(node.asText().replaceFirst("(?i)^https?://[^/]*", "http://127.0.0.1:9"));
        }
        return node;
    }
}
