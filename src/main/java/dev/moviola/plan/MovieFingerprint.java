package dev.moviola.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The movie cache's key (docs/format.md#caching: "an identical resolved movie returns the existing output without running
 * the pipeline"), computed before planning so that a repeat costs no planning at all.
 *
 * <p>What goes in, and why: the resolved document (after templating and timing variables) in canonical form
 * — object keys sorted, numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are one number) — since it
 * decides every pixel and sample; each source's SHA-256 (new bytes at the same address must render anew); the
 * {@link Fingerprints.Tools} and {@link Fingerprints#RENDERER}; and what the caller overrides (quality, limits).
 * Left out: what cannot change the output — {@code comment}, {@code cache} flags, {@code variables} (already
 * substituted), metadata keys ({@code @ ? $ % & _}…), and the movie's {@code id}, {@code client-data} and
 * {@code exports}, so one movie submitted with other client data is still the same movie.
 */
public final class MovieFingerprint {
    private static final Set<String> NOT_OUTPUT = Set.of("comment", "cache", "variables");
    private static final Set<String> NOT_OUTPUT_MOVIE = Set.of("id", "client-data", "exports");

    private MovieFingerprint() {
    }

    /**
     * @param resolved the document as it renders
     * @param sources  each source's SHA-256, by the source text the document uses
     * @param options  whatever else the caller decides that changes the output (quality override, limits)
     */
    public static String of(JsonNode resolved, Map<String, String> sources, Fingerprints.Tools tools, String options) {
        StringBuilder out = new StringBuilder("{\"document\":");
        out.append(dev.moviola.movie.Canonical.text(clean(resolved, true)));
        out.append(",\"sources\":{");
        new TreeMap<>(sources).forEach((src, sha) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",")
                .append(TextNode.valueOf(src)).append(':').append(TextNode.valueOf(sha)));
        out.append('}');
        out.append(",\"renderer\":").append(TextNode.valueOf(Fingerprints.RENDERER))
                .append(",\"ffmpeg\":").append(TextNode.valueOf(tools.ffmpeg()))
                .append(",\"encoder\":").append(TextNode.valueOf(tools.encoder()))
                .append(",\"fonts\":").append(TextNode.valueOf(tools.fonts()))
                .append(",\"options\":").append(TextNode.valueOf(options)).append('}');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(out.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy without the keys that do not change the output, at the movie, scene and element levels. */
    private static JsonNode clean(JsonNode node, boolean movie) {
        if (!(node instanceof ObjectNode o)) {
            return node;
        }
        ObjectNode copy = o.deepCopy();
        copy.remove(NOT_OUTPUT);
        if (movie) {
            copy.remove(NOT_OUTPUT_MOVIE);
        }
        List<String> metadata = new ArrayList<>();
        copy.fieldNames().forEachRemaining(k -> {
            if (!k.isEmpty() && "@?$%&_".indexOf(k.charAt(0)) >= 0) {
                metadata.add(k);
            }
        });
        copy.remove(metadata);
        for (String list : List.of("scenes", "elements")) {
            JsonNode items = copy.get(list);
            if (items != null && items.isArray()) {
                var cleaned = copy.putArray(list);
                items.forEach(item -> cleaned.add(clean(item, false)));
            }
        }
        return copy;
    }
}
