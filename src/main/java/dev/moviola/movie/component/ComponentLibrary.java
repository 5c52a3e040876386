package dev.moviola.movie.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The components a document may use: those shipped with Moviola (one JSON file per id under
 * {@code dev/moviola/components/<pack>/<name>.json}) and a user's own from a directory of the same layout
 * ({@code components-dir}); a user's file with a shipped id replaces it.
 */
public final class ComponentLibrary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/dev/moviola/components/";
    private static volatile ComponentLibrary shipped;

    private final Map<String, ComponentDefinition> byId;

    private ComponentLibrary(Map<String, ComponentDefinition> byId) {
        this.byId = new TreeMap<>(byId);
    }

    /** The shipped components only. */
    public static ComponentLibrary shipped() {
        ComponentLibrary s = shipped;
        if (s == null) {
            Map<String, ComponentDefinition> m = new LinkedHashMap<>();
            for (String id : resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList()) {
                m.put(id, parse(id, resource(id + ".json"), "the shipped definition of " + id));
            }
            s = new ComponentLibrary(m);
            shipped = s;
        }
        return s;
    }

    /**
     * The shipped components and a user's: every {@code <pack>/<name>.json} under {@code dir}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, for a definition that cannot be read
     */
    public static ComponentLibrary withUserDir(Path dir) {
        Map<String, ComponentDefinition> m = new LinkedHashMap<>(shipped().byId);
        if (dir == null) {
            return shipped();
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("components-dir " + dir + " is not a directory; create it or fix the setting");
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList()) {
                Path rel = dir.relativize(f);
                if (rel.getNameCount() != 2) {
                    continue;
                }
                String name = rel.getFileName().toString();
                String id = rel.getName(0) + "/" + name.substring(0, name.length() - 5);
                m.put(id, parse(id, Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read components-dir " + dir + ": " + e.getMessage(), e);
        }
        return new ComponentLibrary(m);
    }

    public Optional<ComponentDefinition> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every id, sorted. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public List<ComponentDefinition> all() {
        return List.copyOf(byId.values());
    }

    private static String resource(String name) {
        try (InputStream in = ComponentLibrary.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one definition file; a mistake in it is an IllegalArgumentException naming {@code origin} and the key. */
    static ComponentDefinition parse(String id, String text, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a JSON object with description, intro, groups, draws");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("description", "intro", "groups", "aliases", "numbered", "draws", "refused").contains(k)) {
                throw new IllegalArgumentException(origin + ": unknown key \"" + k
                        + "\"; a definition has description, intro, groups, aliases, numbered, draws, refused");
            }
        }
        JsonNode groups = root.path("groups");
        if (!groups.isObject() || groups.isEmpty()) {
            throw new IllegalArgumentException(origin + ": \"groups\" must be an object of settings groups");
        }
        Map<String, ComponentDefinition.Group> g = new LinkedHashMap<>();
        int order = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode def = e.getValue();
            if (!def.isObject()) {
                throw new IllegalArgumentException(origin + ": groups." + e.getKey() + " must be an object");
            }
            ObjectNode defaults = def.path("defaults").isObject() ? (ObjectNode) def.get("defaults").deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            List<String> accepts = new ArrayList<>();
            defaults.fieldNames().forEachRemaining(accepts::add);
            def.path("accepts").forEach(a -> {
                if (!accepts.contains(a.asText())) {
                    accepts.add(a.asText());
                }
            });
            String textKey = def.hasNonNull("text-key") ? def.get("text-key").asText()
                    : accepts.contains("text") ? "text" : null;
            g.put(e.getKey(), new ComponentDefinition.Group(e.getKey(), defaults, accepts, order++,
                    def.hasNonNull("source") ? def.get("source").asText() : null, textKey,
                    def.path("description").asText("")));
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        root.path("aliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asText()));
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!g.containsKey(a.getValue())) {
                throw new IllegalArgumentException(origin + ": aliases." + a.getKey() + " names no group");
            }
        }
        Map<String, Integer> numbered = new LinkedHashMap<>();
        root.path("numbered").fields().forEachRemaining(e -> numbered.put(e.getKey(), e.getValue().asInt()));
        String refused = root.hasNonNull("refused") ? root.get("refused").asText() : null;
        if (refused == null && !root.path("draws").isObject()) {
            throw new IllegalArgumentException(origin + ": \"draws\" must be an object saying what the component draws");
        }
        return new ComponentDefinition(id, root.path("description").asText(""), root.path("intro").asDouble(0), g,
                aliases, numbered, root.path("draws"), refused, origin);
    }
}
