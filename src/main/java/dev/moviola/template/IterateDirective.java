package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Applies a scene's {@code iterate} (docs/format.md#iterate): one copy of the scene per item of an array, with the item (under
 * its {@code iterate-as} name, and its keys), {@code index} and {@code count} as variables.
 */
final class IterateDirective {
    /** Makes one copy of the iterated scene. */
    interface Copier {
        /** @param idSuffix appended to the copy's id, so copies keep distinct ids */
        void copy(Scope scope, Location at, String idSuffix);
    }

    private final Budget budget;
    private final Problems problems;
    private final Limits limits;

    IterateDirective(Budget budget, Problems problems, Limits limits) {
        this.budget = budget;
        this.problems = problems;
        this.limits = limits;
    }

    /**
     * Calls {@code copier} once per item. Stops at the movie's scene limit, counted with {@code scenesMade}
     * (a copy its condition drops makes none), so a million items make no more copies than the limit.
     */
    void expand(JsonNode scene, Scope scope, Location at, IntSupplier scenesMade, Copier copier) {
        JsonNode iterate = scene.get("iterate");
        List<?> items = items(iterate, scope, at);
        String as = scene.path("iterate-as").asText("item");
        if (!Expander.NAME.matcher(as).matches()) {
            problems.error(at.key("iterate-as"), Values.quote(as) + " is not a variable name (a letter, then letters, digits or _)");
            return;
        }
        if (items == null) {
            return;
        }
        for (int k = 0; k < items.size() && !budget.exhausted(); k++) {
            if (scenesMade.getAsInt() >= limits.maxScenes()) {
                problems.error(at.key("iterate"), "iterating over " + items.size() + " items makes more than "
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
            // Problems inside a copy name the iteration: the path alone is the same for every copy.
            Location iteration = new Location(at.path(), "iteration " + (k + 1) + " of " + iterate.asText());
            copier.copy(scope.with(vars), iteration, "-" + k);
        }
    }

    /** The array an {@code iterate} names (a variable, or one {@code {{ }}}); null after reporting a problem. */
    private List<?> items(JsonNode iterate, Scope scope, Location at) {
        Location key = at.key("iterate");
        if (!iterate.isTextual()) {
            problems.error(key, "expected the name of an array variable, e.g. \"iterate\": \"rooms\"");
            return null;
        }
        String text = iterate.asText().trim();
        Object value;
        try {
            if (!budget.spend(1, 0, key)) {
                return null;
            }
            if (TemplateString.isTemplate(text)) {
                TemplateString t = TemplateString.parse(text);
                if (!t.isSingleExpression()) {
                    problems.error(key, "expected the name of an array variable or one {{ }}, got " + Values.quote(text));
                    return null;
                }
                value = t.render(scope);
            } else if (Expander.NAME.matcher(text).matches()) {
                if (!scope.has(text)) {
                    problems.error(key, "undefined variable " + Values.quote(text) + ": define the array in the movie's or scene's variables");
                    return null;
                }
                value = scope.get(text);
            } else {
                value = Expressions.evaluate(text, scope);
            }
        } catch (ExpressionException e) {
            problems.error(key, e.getMessage());
            return null;
        }
        if (!(value instanceof List<?> list)) {
            problems.error(key, Values.quote(text) + " is " + Values.describeType(value) + ", not an array: iterate needs an array");
            return null;
        }
        return list;
    }
}
