package dev.moviola.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content fingerprints of a plan, for the caches (SPEC §4): equal fingerprints mean equal pixels or samples.
 *
 * <p>What goes in, and why:
 * <ul>
 *   <li>the resolved elements (after templating) as canonical JSON: sorted keys, numbers as Jackson writes
 *       them — everything the author can change;</li>
 *   <li>each source's SHA-256 instead of its path or URL: new bytes at the same address must render anew, the
 *       same bytes elsewhere need not;</li>
 *   <li>the output (size, frame rate, quality, draft) and, for a scene, its frame count, its layers' frame
 *       ranges and how many frames it blends with each neighbour (the cut points change the clip files);</li>
 *   <li>the renderer revision ({@link #RENDERER}, raised whenever rendering changes pixels) and the ffmpeg
 *       version (encoders and filters change between builds).</li>
 * </ul>
 * Left out on purpose: scene index, id and path, comments, and where the scene sits in the movie — moving an
 * unchanged scene must not invalidate it.
 *
 * @param movie    the whole output
 * @param scenes   one per scene, in order
 * @param elements one per visual element and sound, by location
 */
public record Fingerprints(String movie, List<String> scenes, Map<String, String> elements) {
    public static final String RENDERER = "moviola-render/1";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public Fingerprints {
        scenes = List.copyOf(scenes);
        elements = Map.copyOf(elements);
    }

    public static Fingerprints of(RenderPlan plan, String ffmpegVersion) {
        JsonNode output = CANONICAL.valueToTree(plan.output());
        List<String> scenes = new ArrayList<>();
        Map<String, String> elements = new LinkedHashMap<>();
        for (ScenePlan s : plan.scenes()) {
            ObjectNode node = CANONICAL.valueToTree(s);
            node.remove(List.of("index", "id", "path", "startFrame"));
            for (JsonNode layer : node.withArray("layers")) {
                String location = locationOf(layer);
                replaceAsset((ObjectNode) layer);
                elements.put(location, hash(layer));
            }
            scenes.add(hash(envelope(node, output, ffmpegVersion)));
        }
        ArrayNode audio = CANONICAL.createArrayNode();
        for (AudioTrack t : plan.audio()) {
            ObjectNode node = CANONICAL.valueToTree(t);
            replaceAsset(node);
            elements.put(t.source(), hash(node));
            audio.add(node);
        }
        ObjectNode movie = CANONICAL.createObjectNode();
        movie.set("scenes", CANONICAL.valueToTree(scenes));
        movie.set("audio", audio);
        movie.put("frames", plan.frames());
        return new Fingerprints(hash(envelope(movie, output, ffmpegVersion)), scenes, elements);
    }

    private static String locationOf(JsonNode layer) {
        JsonNode where = layer.at("/element/where");
        String path = where.path("path").asText();
        return where.path("note").isTextual() ? path + " (" + where.path("note").asText() + ")" : path;
    }

    private static void replaceAsset(ObjectNode node) {
        JsonNode asset = node.get("asset");
        node.put("asset", asset == null || asset.isNull() ? null : asset.path("sha256").asText());
        JsonNode element = node.get("element");
        if (element instanceof ObjectNode e) {
            e.remove("where"); // where it is written does not change what it looks like
        }
    }

    private static ObjectNode envelope(JsonNode content, JsonNode output, String ffmpegVersion) {
        ObjectNode n = CANONICAL.createObjectNode();
        n.set("content", content);
        n.set("output", output);
        n.put("renderer", RENDERER);
        n.put("ffmpeg", ffmpegVersion);
        return n;
    }

    private static String hash(JsonNode node) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(node, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
