package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.ImagePrompt;
import dev.moviola.movie.Location;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a movie document data-driven (docs/format.md#templating): the walk over the document that applies the {@link
 * ConditionDirective condition}, {@link IterateDirective iterate} and {@link ImportDirective import} directives and
 * {@link Substitution substitutes} {@code {{ }}} with the scopes element → iterate item → scene → movie (request
 * overrides replace movie variables), within a {@link Budget}. Every problem is collected with its location;
 * nothing here does I/O. One instance expands one document on one thread.
 */
public final class Expander {
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** {@code <id>_start}, {@code <id>_end}, {@code <id>_duration}, {@code <id>_extratime}. */
    public static final Pattern TIMING = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)_(start|end|duration|extratime)");
    /** Keys the walk applies itself, so they are not rendered as values. */
    private static final Set<String> SCENE_CONTROL = Set.of("variables", "condition", "iterate", "iterate-as", "import",
            "elements");
    private static final Set<String> ELEMENT_CONTROL = Set.of("variables", "condition");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Problems problems = new Problems();
    private final SourceMapBuilder sources = new SourceMapBuilder();
    private final Substitution substitution;
    private final ConditionDirective conditions;
    private final IterateDirective iterations;
    private final ImportDirective imports;
    private final VariablesBlock variables;

    private Expander(JsonNode root, Limits limits) {
        Budget budget = new Budget(problems);
        substitution = new Substitution(budget, problems);
        conditions = new ConditionDirective(budget, problems);
        iterations = new IterateDirective(budget, problems, limits);
        imports = new ImportDirective(root.path("scenes"), substitution, problems);
        variables = new VariablesBlock(substitution, problems);
    }

    /** With the default limits. */
    public static Expansion expand(JsonNode root, Map<String, Object> overrides) throws InvalidMovieException {
        return expand(root, overrides, Limits.DEFAULT);
    }

    /**
     * @param overrides variables given with the request (CLI {@code --var}, API), replacing movie variables
     * @param limits    the scenes {@code iterate} may make at most
     */
    public static Expansion expand(JsonNode root, Map<String, Object> overrides, Limits limits)
            throws InvalidMovieException {
        return new Expander(root, limits).run(root, overrides);
    }

    private Expansion run(JsonNode root, Map<String, Object> overrides) throws InvalidMovieException {
        if (!root.isObject()) {
            return new Expansion(root, Map.of(), List.of(), List.of());
        }
        Map<String, Object> movieVars = variables.read(root.get("variables"), Location.of("variables"), null);
        movieVars.putAll(overrides);
        Scope movie = Scope.EMPTY.with(movieVars);

        ObjectNode out = NODES.objectNode();
        // Preload comes first whatever its place in the document: its sources are {{ <id>_url }} everywhere else.
        Map<String, Object> preloaded = new LinkedHashMap<>();
        JsonNode preload = root.get("preload");
        if (preload != null && preload.isArray()) {
            out.set("preload", preload(preload, movie, preloaded));
        }
        Scope scope = movie.with(preloaded);

        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "variables", "preload" -> {
                }
                case "scenes" -> out.set(key, value.isArray() ? scenes(value, scope) : value);
                case "elements" -> out.set(key, value.isArray() ? movieElements(value, scope) : value);
                default -> out.set(key, Substitution.isMetadata(key) ? value
                        : substitution.render(value, scope, Location.ROOT.key(key), Substitution.pointer("", key), -1));
            }
        }
        if (problems.hasErrors()) {
            throw new InvalidMovieException(problems.all());
        }
        return new Expansion(out, sources.locations(), substitution.deferred(), problems.all());
    }

    /** The preload items that stay, each id's source added to {@code preloaded} as {@code <id>_url}. */
    private ArrayNode preload(JsonNode preload, Scope movie, Map<String, Object> preloaded) {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < preload.size(); i++) {
            JsonNode item = element(preload.get(i), movie, Location.of("preload[" + i + "]"), "/preload/" + items.size(), -1);
            if (item != null) {
                sources.preload(items.size(), Location.of("preload[" + i + "]"));
                items.add(item);
                if (item.path("id").isTextual() && item.path("src").isTextual()) {
                    preloaded.put(item.get("id").asText() + "_url", item.get("src").asText());
                } else if (item.path("id").isTextual() && "image".equals(item.path("type").asText())) {
                    // An AI image: the name of its generated picture, which an image elsewhere reads as its src.
                    ImagePrompt.nameOf(item).ifPresent(n -> preloaded.put(item.get("id").asText() + "_url", n));
                }
            }
        }
        return items;
    }

    private ArrayNode movieElements(JsonNode elements, Scope scope) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < elements.size(); i++) {
            Location at = Location.of("elements[" + i + "]");
            JsonNode e = element(elements.get(i), scope, at, "/elements/" + out.size(), -1);
            if (e != null) {
                sources.movieElement(out.size(), at);
                out.add(e);
            }
        }
        return out;
    }

    private ArrayNode scenes(JsonNode scenes, Scope movie) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < scenes.size(); i++) {
            JsonNode scene = scenes.get(i);
            Location at = Location.of("scenes[" + i + "]");
            if (!scene.isObject()) {
                // Passed on as it is, for the movie reader to report.
                sources.scene(out.size(), at);
                out.add(scene);
                continue;
            }
            Scope sceneScope = movie.with(variables.read(scene.get("variables"), at.key("variables"), movie));
            if (!scene.has("iterate")) {
                emitScene(scene, sceneScope, at, null, out);
            } else {
                iterations.expand(scene, sceneScope, at, out::size,
                        (copyScope, copyAt, idSuffix) -> emitScene(scene, copyScope, copyAt, idSuffix, out));
            }
        }
        return out;
    }

    /** Adds the scene to {@code out} unless its condition drops it: its own elements, then the imported ones. */
    private void emitScene(JsonNode scene, Scope scope, Location at, String idSuffix, ArrayNode out) {
        if (!conditions.keeps(scene, scope, at)) {
            return;
        }
        int index = out.size();
        String pointer = "/scenes/" + index;
        sources.scene(index, at);
        ObjectNode result = substitution.renderFields(scene, SCENE_CONTROL, scope, at, pointer, index);
        if (idSuffix != null && result.path("id").isTextual()) {
            result.put("id", result.get("id").asText() + idSuffix);
        }
        ArrayNode elements = NODES.arrayNode();
        addElements(scene.get("elements"), at.key("elements"), scope, pointer, index, elements);
        if (scene.has("import")) {
            imports.resolve(scene.get("import"), scope, at).ifPresent(source -> addElements(source.scene().get("elements"),
                    source.at().key("elements"), scope, pointer, index, elements));
        }
        result.set("elements", elements);
        out.add(result);
    }

    private void addElements(JsonNode elements, Location at, Scope scope, String scenePointer, int sceneIndex, ArrayNode out) {
        if (elements == null || !elements.isArray()) {
            if (elements != null) {
                problems.error(at, "expected an array [ … ] of elements");
            }
            return;
        }
        for (int j = 0; j < elements.size(); j++) {
            Location elementAt = at.index(j);
            JsonNode e = element(elements.get(j), scope, elementAt, scenePointer + "/elements/" + out.size(), sceneIndex);
            if (e != null) {
                sources.sceneElement(sceneIndex, out.size(), elementAt);
                out.add(e);
            }
        }
    }

    /**
     * An element rendered in its scope, or null when its condition drops it. Anything but an object is passed
     * on as it is, for the movie reader to report.
     */
    private JsonNode element(JsonNode element, Scope scope, Location at, String pointer, int sceneIndex) {
        if (!element.isObject()) {
            return element;
        }
        Scope own = scope.with(variables.read(element.get("variables"), at.key("variables"), scope));
        if (!conditions.keeps(element, own, at)) {
            return null;
        }
        return substitution.renderFields(element, ELEMENT_CONTROL, own, at, pointer, sceneIndex);
    }
}
