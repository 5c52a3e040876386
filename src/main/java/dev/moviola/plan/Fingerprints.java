package dev.moviola.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content fingerprints of a plan, the keys of the caches (docs/format.md#caching): equal fingerprints mean equal pixels or
 * samples.
 *
 * <p>What goes in, and why:
 * <ul>
 *   <li>the resolved elements (after templating) as canonical JSON: keys sorted, numbers as Jackson writes
 *       doubles (so {@code 1}, {@code 1.0} and {@code 1e0} are one value) — everything the author can change;</li>
 *   <li>each source's SHA-256 instead of its path or URL: new bytes at the same address must render anew, the
 *       same bytes elsewhere need not;</li>
 *   <li>the output (size, frame rate, quality, draft) and, for a scene, its frame count, its layers' frame
 *       ranges and how many frames it blends with each neighbour (the transition overlaps change its files);</li>
 *   <li>for a scene that draws the movie's sound (an audiogram), the sound's fingerprint and where the scene starts
 *       in the movie;</li>
 *   <li>the {@link Tools}: the renderer revision ({@link #RENDERER}, raised whenever rendering changes pixels),
 *       the ffmpeg version (encoders and filters change between builds), the encoder arguments (x264's output
 *       depends on its thread count) and, for scenes that draw text, the fonts that text may be drawn with.</li>
 * </ul>
 * Left out on purpose: scene index, id and path, where an element is written, comments and other metadata,
 * and the {@code cache} flags — moving an unchanged scene must not invalidate it, and a {@code cache:false}
 * render must produce the entry that later renders with {@code cache:true} reuse.
 *
 * @param movie       the whole output: the movie cache's key, from the document ({@link MovieFingerprint})
 * @param scenes      each scene's clip, in order
 * @param transitions the blend into each scene (from its neighbours' fingerprints); null for a cut
 * @param sound       the movie's mixed sound
 * @param elements    one per visual element and sound, by location
 */
public record Fingerprints(String movie, List<String> scenes, List<String> transitions, String sound,
        Map<String, String> elements) {
    public static final String RENDERER = "moviola-render/4";

    /** Writes JSON with every object's keys sorted: the canonical form that is hashed. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * What renders a plan, besides the plan itself.
     *
     * @param ffmpeg  the ffmpeg version
     * @param encoder the encoder arguments of scene clips and blended frames
     * @param fonts   a fingerprint of the font files text can be drawn with (bundled, configured, system)
     */
    public record Tools(String ffmpeg, String encoder, String fonts) {
    }

    public Fingerprints {
        scenes = List.copyOf(scenes);
        transitions = Collections.unmodifiableList(new ArrayList<>(transitions));
        elements = Map.copyOf(elements);
    }

    /** @param movie the movie's own fingerprint ({@link MovieFingerprint}), computed before planning */
    public static Fingerprints of(RenderPlan plan, Tools tools, String movie) {
        JsonNode output = PlanFiles.JSON.valueToTree(plan.output());
        List<String> scenes = new ArrayList<>();
        List<String> transitions = new ArrayList<>();
        Map<String, String> elements = new LinkedHashMap<>();
        ArrayNode audio = CANONICAL.createArrayNode();
        for (AudioTrack t : plan.audio()) {
            ObjectNode node = PlanFiles.JSON.valueToTree(t);
            String location = node.path("source").asText();
            node.remove(List.of("source", "cache"));
            replaceAsset(node);
            elements.put(location, hash(node));
            audio.add(node);
        }
        ObjectNode sound = CANONICAL.createObjectNode();
        sound.set("tracks", audio);
        sound.put("frames", plan.frames());
        String soundPrint = hash(envelope(sound, output, tools));
        for (ScenePlan s : plan.scenes()) {
            ObjectNode node = PlanFiles.JSON.valueToTree(s);
            node.remove(List.of("index", "id", "path", "startFrame", "cache"));
            for (JsonNode layer : node.withArray("layers")) {
                String location = locationOf(layer);
                replaceAsset((ObjectNode) layer);
                elements.put(location, hash(layer));
            }
            if (node.path("captions").path("font").isObject()) {
                ((ObjectNode) node.get("captions")).put("font", node.at("/captions/font/sha256").asText());
            }
            ObjectNode envelope = envelope(node, output, tools);
            if (s.captions() != null || s.layers().stream().anyMatch(l -> l.element().usesFonts())) {
                envelope.put("fonts", tools.fonts());
            }
            if (s.layers().stream().anyMatch(l -> l.element().showsSound())) {
                // It draws the movie's sound where the scene sits: that sound and that place are part of its look.
                envelope.put("sound", soundPrint);
                envelope.put("startFrame", s.startFrame());
            }
            scenes.add(hash(envelope));
            transitions.add(s.blendIn() == null ? null
                    : hash(CANONICAL.createObjectNode().put("from", scenes.get(s.index() - 1)).put("into", scenes.get(s.index()))));
        }
        return new Fingerprints(movie, scenes, transitions, soundPrint, elements);
    }

    private static String locationOf(JsonNode layer) {
        JsonNode where = layer.at("/element/where");
        String path = where.path("path").asText();
        return where.path("note").isTextual() ? path + " (" + where.path("note").asText() + ")" : path;
    }

    private static void replaceAsset(ObjectNode node) {
        JsonNode asset = node.get("asset");
        if (asset != null) {
            node.put("asset", asset.isNull() ? null : asset.path("sha256").asText());
        }
        JsonNode assets = node.get("assets");
        if (assets != null && assets.isArray()) {
            ArrayNode hashes = CANONICAL.createArrayNode();
            assets.forEach(a -> hashes.add(a.path("sha256").asText()));
            node.set("assets", hashes);
        }
        JsonNode element = node.get("element");
        if (element instanceof ObjectNode e) {
            e.remove(List.of("where", "cache")); // where it is written and how it is cached do not change its look
        }
    }

    private static ObjectNode envelope(JsonNode content, JsonNode output, Tools tools) {
        ObjectNode n = CANONICAL.createObjectNode();
        n.set("content", content);
        n.set("output", output);
        n.put("renderer", RENDERER);
        n.put("ffmpeg", tools.ffmpeg());
        n.put("encoder", tools.encoder());
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
