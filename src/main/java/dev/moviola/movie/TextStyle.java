package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of JSON2Video's text styles ({@code "style": "006"}): its name, the settings a text with it starts from, and
 * how its parts move in. Defined as data in {@code text-styles.json}, the one place a style is added; the renderer
 * reads {@link #motion()}.
 *
 * @param intro JSON2Video's "intro duration" in seconds: documentation only, never the element's length
 */
public record TextStyle(String code, String name, double intro, String choices, ObjectNode defaultsNode,
        JsonNode motionNode) {

    /** Keys that name one setting: given by the element under either name, the style's default of both goes. */
    private static final List<List<String>> ALIASES = List.of(List.of("vertical-align", "vertical-position"),
            List.of("horizontal-align", "horizontal-position"), List.of("color", "font-color"));

    private static final Map<String, TextStyle> ALL = load();

    /** The style of a code; {@code "1"} is read as {@code "001"}. */
    public static Optional<TextStyle> of(String code) {
        return Optional.ofNullable(ALL.get(code.trim().length() < 3 ? pad(code.trim()) : code.trim()));
    }

    /** Every style, by code, in order. */
    public static Map<String, TextStyle> all() {
        return ALL;
    }

    /** The settings a text with this style starts from (a copy). */
    public ObjectNode defaults() {
        return defaultsNode.deepCopy();
    }

    /** How its parts move in (a copy), or a null node for a still style. */
    public JsonNode motion() {
        return motionNode == null ? null : motionNode.deepCopy();
    }

    /** This style's defaults with the element's own settings over them (theirs win, whatever spelling they use). */
    ObjectNode under(JsonNode own) {
        ObjectNode merged = defaults();
        if (own == null || !own.isObject()) {
            return merged;
        }
        for (List<String> names : ALIASES) {
            if (names.stream().anyMatch(own::has)) {
                names.forEach(merged::remove);
            }
        }
        merged.setAll((ObjectNode) own);
        return merged;
    }

    private static String pad(String code) {
        return code.matches("[0-9]{1,2}") ? "0".repeat(3 - code.length()) + code : code;
    }

    private static Map<String, TextStyle> load() {
        try (InputStream in = TextStyle.class.getResourceAsStream("/dev/moviola/text-styles.json")) {
            if (in == null) {
                throw new IllegalStateException("text-styles.json is missing from the jar");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, TextStyle> styles = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("//")) {
                    continue;
                }
                JsonNode s = e.getValue();
                JsonNode motion = s.path("motion");
                styles.put(e.getKey(), new TextStyle(e.getKey(), s.path("name").asText(), s.path("intro").asDouble(),
                        s.path("choices").asText(""), (ObjectNode) s.path("defaults"),
                        motion.isNull() || motion.isMissingNode() ? null : motion));
            }
            return Collections.unmodifiableMap(styles);
        } catch (IOException e) {
            throw new UncheckedIOException("text-styles.json is unreadable", e);
        }
    }
}
