package dev.moviola.template;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Location;
import dev.moviola.movie.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a movie document data-driven (SPEC §2, §3.1): applies {@code condition}s before anything else in their
 * subtree, expands {@code iterate} and {@code import}, and substitutes {@code {{ }}} in every string value with
 * the scopes element → iterate item → scene → movie (request overrides replace movie variables). Values that
 * use element timing variables ({@code {{ intro_end }}}) are left for {@link Deferred} resolution. Every problem
 * is collected with its location; nothing here does I/O.
 *
 * <p>One instance expands one document on one thread.
 */
public final class Expander {
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** {@code <id>_start}, {@code <id>_end}, {@code <id>_duration}, {@code <id>_extratime}. */
    public static final Pattern TIMING = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)_(start|end|duration|extratime)");
    private static final String METADATA = "@?$%&_";
    private static final Set<String> SCENE_CONTROL = Set.of("variables", "condition", "iterate", "iterate-as", "import",
            "elements");
    private static final Set<String> ELEMENT_CONTROL = Set.of("variables", "condition");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * The most expressions one document may evaluate and the most text its templates may make (iterate multiplies
     * both): a legitimate movie of 500 scenes stays far below, a few kilobytes written to blow up do not.
     */
    static final long MAX_EVALUATIONS = 500_000;
    static final long MAX_TEXT = 16_000_000;

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Location> locations = new HashMap<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private final Limits limits;
    private JsonNode documentScenes;
    private long evaluations;
    private long text;
    private boolean exhausted;

    private Expander(Limits limits) {
        this.limits = limits;
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
        return new Expander(limits).run(root, overrides);
    }

    private Expansion run(JsonNode root, Map<String, Object> overrides) throws InvalidMovieException {
        if (!root.isObject()) {
            return new Expansion(root, Map.of(), List.of(), List.of());
        }
        documentScenes = root.path("scenes");
        Map<String, Object> movieVars = variables(root.get("variables"), Location.of("variables"), null);
        movieVars.putAll(overrides);
        Scope movie = Scope.EMPTY.with(movieVars);

        ObjectNode out = NODES.objectNode();
        Map<String, Object> preloaded = new LinkedHashMap<>();
        JsonNode preload = root.get("preload");
        if (preload != null && preload.isArray()) {
            ArrayNode items = NODES.arrayNode();
            for (int i = 0; i < preload.size(); i++) {
                JsonNode item = element(preload.get(i), movie, Location.of("preload[" + i + "]"), "/preload/" + items.size(), -1);
                if (item != null) {
                    locations.put("preload[" + items.size() + "]", Location.of("preload[" + i + "]"));
                    items.add(item);
                    if (item.path("id").isTextual() && item.path("src").isTextual()) {
                        preloaded.put(item.get("id").asText() + "_url", item.get("src").asText());
                    }
                }
            }
            out.set("preload", items);
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
                default -> out.set(key, isMetadata(key) ? value : render(value, scope, Location.ROOT.key(key), pointer("", key), -1));
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new InvalidMovieException(problems);
        }
        return new Expansion(out, locations, deferred, problems);
    }

    private ArrayNode movieElements(JsonNode elements, Scope scope) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < elements.size(); i++) {
            Location at = Location.of("elements[" + i + "]");
            JsonNode e = element(elements.get(i), scope, at, "/elements/" + out.size(), -1);
            if (e != null) {
                locations.put("elements[" + out.size() + "]", at);
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
                locations.put("scenes[" + out.size() + "]", at);
                out.add(scene);
                continue;
            }
            Scope sceneScope = movie.with(variables(scene.get("variables"), at.key("variables"), movie));
            if (!scene.has("iterate")) {
                emitScene(scene, sceneScope, at, null, out);
                continue;
            }
            JsonNode iterate = scene.get("iterate");
            List<?> items = iterateItems(iterate, sceneScope, at);
            String as = scene.path("iterate-as").asText("item");
            if (!NAME.matcher(as).matches()) {
                error(at.key("iterate-as"), Values.quote(as) + " is not a variable name (a letter, then letters, digits or _)");
                continue;
            }
            if (items == null) {
                continue;
            }
            for (int k = 0; k < items.size() && !exhausted; k++) {
                if (out.size() >= limits.maxScenes()) {
                    error(at.key("iterate"), "iterating over " + items.size() + " items makes more than "
                            + limits.maxScenes() + " scenes, the limit; split the movie or iterate over fewer items");
                    break;
                }
                Object item = items.get(k);
                Map<String, Object> vars = new LinkedHashMap<>();
                if (item instanceof Map<?, ?> m) {
                    m.forEach((key, v) -> vars.put(String.valueOf(key), v));
                }
                vars.put(as, item);
                vars.put("index", (long) k);
                vars.put("count", (long) items.size());
                Location iteration = new Location(at.path(), "iteration " + (k + 1) + " of " + iterate.asText());
                emitScene(scene, sceneScope.with(vars), iteration, "-" + k, out);
            }
        }
        return out;
    }

    /** The array an {@code iterate} names (a variable, or one {@code {{ }}}); null after reporting a problem. */
    private List<?> iterateItems(JsonNode iterate, Scope scope, Location at) {
        Location key = at.key("iterate");
        if (!iterate.isTextual()) {
            error(key, "expected the name of an array variable, e.g. \"iterate\": \"rooms\"");
            return null;
        }
        String text = iterate.asText().trim();
        Object value;
        try {
            if (!spend(1, 0, key)) {
                return null;
            }
            if (TemplateString.isTemplate(text)) {
                TemplateString t = TemplateString.parse(text);
                if (!t.isSingleExpression()) {
                    error(key, "expected the name of an array variable or one {{ }}, got " + Values.quote(text));
                    return null;
                }
                value = t.render(scope);
            } else if (NAME.matcher(text).matches()) {
                if (!scope.has(text)) {
                    error(key, "undefined variable " + Values.quote(text) + ": define the array in the movie's or scene's variables");
                    return null;
                }
                value = scope.get(text);
            } else {
                value = Expressions.evaluate(text, scope);
            }
        } catch (ExpressionException e) {
            error(key, e.getMessage());
            return null;
        }
        if (!(value instanceof List<?> list)) {
            error(key, Values.quote(text) + " is " + Values.describeType(value) + ", not an array: iterate needs an array");
            return null;
        }
        return list;
    }

    private void emitScene(JsonNode scene, Scope scope, Location at, String idSuffix, ArrayNode out) {
        if (!condition(scene, scope, at)) {
            return;
        }
        int index = out.size();
        String pointer = "/scenes/" + index;
        locations.put("scenes[" + index + "]", at);
        ObjectNode result = renderFields(scene, SCENE_CONTROL, scope, at, pointer, index);
        if (idSuffix != null && result.path("id").isTextual()) {
            result.put("id", result.get("id").asText() + idSuffix);
        }
        ArrayNode elements = NODES.arrayNode();
        addElements(scene.get("elements"), at.key("elements"), scope, pointer, index, elements);
        if (scene.has("import")) {
            imported(scene.get("import"), scope, at).ifPresent(source -> addElements(source.node().get("elements"),
                    source.at().key("elements"), scope, pointer, index, elements));
        }
        result.set("elements", elements);
        out.add(result);
    }

    private void addElements(JsonNode elements, Location at, Scope scope, String scenePointer, int sceneIndex, ArrayNode out) {
        if (elements == null || !elements.isArray()) {
            if (elements != null) {
                error(at, "expected an array [ … ] of elements");
            }
            return;
        }
        for (int j = 0; j < elements.size(); j++) {
            Location elementAt = at.index(j);
            JsonNode e = element(elements.get(j), scope, elementAt, scenePointer + "/elements/" + out.size(), sceneIndex);
            if (e != null) {
                locations.put("scenes[" + sceneIndex + "].elements[" + out.size() + "]", elementAt);
                out.add(e);
            }
        }
    }

    private record SceneSource(JsonNode node, Location at) {
    }

    /** The author's scene an {@code import} names by id. */
    private java.util.Optional<SceneSource> imported(JsonNode value, Scope scope, Location at) {
        JsonNode id = render(value, scope, at.key("import"), null, -1);
        if (!id.isTextual()) {
            error(at.key("import"), "expected the id of another scene");
            return java.util.Optional.empty();
        }
        for (int i = 0; i < documentScenes.size(); i++) {
            JsonNode s = documentScenes.get(i);
            if (s.path("id").isTextual() && s.get("id").asText().equals(id.asText())) {
                return java.util.Optional.of(new SceneSource(s, Location.of("scenes[" + i + "]")));
            }
        }
        error(at.key("import"), "no scene has the id " + Values.quote(id.asText()));
        return java.util.Optional.empty();
    }

    /**
     * An element rendered in its scope, or null when its condition drops it. Anything but an object is passed
     * on as it is, for the movie reader to report.
     */
    private JsonNode element(JsonNode element, Scope scope, Location at, String pointer, int sceneIndex) {
        if (!element.isObject()) {
            return element;
        }
        Scope own = scope.with(variables(element.get("variables"), at.key("variables"), scope));
        if (!condition(element, own, at)) {
            return null;
        }
        return renderFields(element, ELEMENT_CONTROL, own, at, pointer, sceneIndex);
    }

    /**
     * Whether a scene or element stays: {@code condition} is an expression (optionally in one {@code {{ }}}),
     * or a JSON boolean/number. An undefined variable in it is falsy, not an error.
     */
    private boolean condition(JsonNode node, Scope scope, Location at) {
        JsonNode c = node.get("condition");
        if (c == null) {
            return true;
        }
        if (c.isNull() || c.isBoolean() || c.isNumber()) {
            return Values.truthy(Values.fromJson(c));
        }
        Location key = at.key("condition");
        if (!spend(1, 0, key)) {
            return false;
        }
        if (!c.isTextual()) {
            error(key, "expected an expression such as \"{{ price > 0 }}\", got " + (c.isArray() ? "an array" : "an object"));
            return false;
        }
        String text = c.asText();
        try {
            String expression = text;
            if (TemplateString.isTemplate(text)) {
                TemplateString t = TemplateString.parse(text);
                if (!t.isSingleExpression()) {
                    error(key, Values.quote(text) + " mixes text and {{ }}: write the whole condition as one expression, "
                            + "e.g. {{ a and b }}");
                    return false;
                }
                expression = t.expression();
            }
            if (expression.isBlank()) {
                return false;
            }
            return Values.truthy(Expressions.evaluate(expression, scope));
        } catch (UndefinedVariableException e) {
            return false;
        } catch (ExpressionException e) {
            error(key, e.getMessage());
            return false;
        }
    }

    /**
     * Variables of a scope: literal at movie level ({@code renderIn} null), rendered in the enclosing scope
     * for scenes and elements (so a scene variable can be built from movie variables).
     */
    private Map<String, Object> variables(JsonNode node, Location at, Scope renderIn) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return vars;
        }
        if (!node.isObject()) {
            error(at, "expected an object of variables, e.g. {\"address\": \"123 Oak Street\"}");
            return vars;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!NAME.matcher(name).matches()) {
                problems.add(Problem.warning(at.at(name), Values.quote(name) + " is not a variable name (a letter, then "
                        + "letters, digits or _): {{ }} cannot use it"));
            }
            JsonNode value = renderIn == null ? field.getValue() : render(field.getValue(), renderIn, at.key(name), null, -1);
            vars.put(name, Values.fromJson(value));
        }
        return vars;
    }

    /** Substitutes {@code {{ }}} in every string inside {@code value}; metadata keys are left alone. */
    private JsonNode render(JsonNode value, Scope scope, Location at, String pointer, int sceneIndex) {
        if (value.isTextual()) {
            String text = value.asText();
            if (!TemplateString.isTemplate(text)) {
                return value;
            }
            try {
                TemplateString t = TemplateString.parse(text);
                if (!spend(t.expressionCount(), 0, at)) {
                    return value;
                }
                Object rendered = t.render(scope);
                if (rendered instanceof String r && !spend(0, r.length(), at)) {
                    return value;
                }
                return Values.toJson(rendered);
            } catch (UndefinedVariableException e) {
                if (TIMING.matcher(e.name()).matches() && pointer != null) {
                    deferred.add(new Deferred(JsonPointer.compile(pointer), at, text, scope, sceneIndex));
                } else if (TIMING.matcher(e.name()).matches()) {
                    error(at, "variables cannot use element timing (\"" + e.name() + "\"); use it directly where it is needed");
                } else {
                    error(at, e.getMessage() + ": define it in the movie's, the scene's or the element's variables");
                }
            } catch (ExpressionException e) {
                error(at, e.getMessage());
            } catch (ArithmeticException e) {
                // A variable given with the request (not read from the document) may hold a number JSON cannot write.
                error(at, e.getMessage());
            }
            return value;
        }
        if (value.isObject()) {
            return renderFields(value, Set.of(), scope, at, pointer, sceneIndex);
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                out.add(render(value.get(i), scope, at.index(i), pointer == null ? null : pointer + "/" + i, sceneIndex));
            }
            return out;
        }
        return value;
    }

    /**
     * An object's keys rendered in {@code scope}: the {@code skip} keys (already applied, like {@code condition})
     * are left out, metadata keys are copied as they are.
     *
     * @param pointer the object's JSON pointer, or null when its values cannot be deferred
     */
    private ObjectNode renderFields(JsonNode object, Set<String> skip, Scope scope, Location at, String pointer,
            int sceneIndex) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (skip.contains(key)) {
                continue;
            }
            out.set(key, isMetadata(key) ? field.getValue()
                    : render(field.getValue(), scope, at.key(key), pointer == null ? null : pointer(pointer, key), sceneIndex));
        }
        return out;
    }

    /**
     * Counts templating work against the document's budget; false (after one problem, at the place that ran out)
     * once it is spent, and from then on nothing more is rendered.
     */
    private boolean spend(long expressions, long characters, Location at) {
        if (exhausted) {
            return false;
        }
        evaluations += expressions;
        text += characters;
        if (evaluations > MAX_EVALUATIONS || text > MAX_TEXT) {
            exhausted = true;
            error(at, "the templates of this movie do too much: more than " + (evaluations > MAX_EVALUATIONS
                    ? MAX_EVALUATIONS + " expressions to evaluate" : MAX_TEXT + " characters of text to make")
                    + " (iterate multiplies both); split the movie or use fewer, smaller templates");
            return false;
        }
        return true;
    }

    private static boolean isMetadata(String key) {
        return !key.isEmpty() && METADATA.indexOf(key.charAt(0)) >= 0;
    }

    private static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private void error(Location at, String message) {
        problems.add(Problem.error(at.toString(), message));
    }
}
