package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Location;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a movie's, scene's or element's {@code variables} object into the variables its {@link Scope} adds. */
final class VariablesBlock {
    private final Substitution substitution;
    private final Problems problems;

    VariablesBlock(Substitution substitution, Problems problems) {
        this.substitution = substitution;
        this.problems = problems;
    }

    /**
     * Literal at movie level ({@code renderIn} null: there is no enclosing scope), rendered in the enclosing scope
     * for scenes and elements (so a scene variable can be built from movie variables).
     */
    Map<String, Object> read(JsonNode node, Location at, Scope renderIn) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return vars;
        }
        if (!node.isObject()) {
            problems.error(at, "expected an object of variables, e.g. {\"address\": \"123 Oak Street\"}");
            return vars;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!Expander.NAME.matcher(name).matches()) {
                problems.warning(at.key(name), Values.quote(name) + " is not a variable name (a letter, then "
                        + "letters, digits or _): {{ }} cannot use it");
            }
            // Timing variables cannot be deferred here (null pointer): a scope must be complete before it is used.
            JsonNode value = renderIn == null ? field.getValue()
                    : substitution.render(field.getValue(), renderIn, at.key(name), null, -1);
            vars.put(name, Values.fromJson(value));
        }
        return vars;
    }
}
