package dev.moviola.template;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.Location;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes {@code {{ }}} in every string of a JSON value, in one scope. A value that uses element timing
 * variables is kept as written and recorded as {@link Deferred}: those are known only once sources are measured.
 */
final class Substitution {
    /** Keys starting with one of these are the author's own metadata: never templated. */
    private static final String METADATA = "@?$%&_";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Budget budget;
    private final Problems problems;
    private final List<Deferred> deferred = new ArrayList<>();

    Substitution(Budget budget, Problems problems) {
        this.budget = budget;
        this.problems = problems;
    }

    /**
     * {@code value} with its strings rendered; on a problem a string is kept as written, so the walk goes on and
     * reports every problem, not just the first.
     *
     * @param pointer    the value's JSON pointer in the expanded document, or null where it cannot be deferred
     * @param sceneIndex the expanded scene it is in, or -1 at movie level
     */
    JsonNode render(JsonNode value, Scope scope, Location at, String pointer, int sceneIndex) {
        if (value.isTextual()) {
            return renderText(value, scope, at, pointer, sceneIndex);
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

    private JsonNode renderText(JsonNode value, Scope scope, Location at, String pointer, int sceneIndex) {
        String text = value.asText();
        if (!TemplateString.isTemplate(text)) {
            return value;
        }
        try {
            TemplateString t = TemplateString.parse(text);
            if (!budget.spend(t.expressionCount(), 0, at)) {
                return value;
            }
            Object rendered = t.render(scope);
            if (rendered instanceof String r && !budget.spend(0, r.length(), at)) {
                return value;
            }
            return Values.toJson(rendered);
        } catch (UndefinedVariableException e) {
            if (Expander.TIMING.matcher(e.name()).matches() && pointer != null) {
                deferred.add(new Deferred(JsonPointer.compile(pointer), at, text, scope, sceneIndex));
            } else if (Expander.TIMING.matcher(e.name()).matches()) {
                problems.error(at, "variables cannot use element timing (\"" + e.name() + "\"); use it directly where it is needed");
            } else {
                problems.error(at, e.getMessage() + ": define it in the movie's, the scene's or the element's variables");
            }
        } catch (ExpressionException e) {
            problems.error(at, e.getMessage());
        } catch (ArithmeticException e) {
            // A variable given with the request (not read from the document) may hold a number JSON cannot write.
            problems.error(at, e.getMessage());
        }
        return value;
    }

    /**
     * An object's keys rendered in {@code scope}: the {@code skip} keys (directives, already applied) are left
     * out, metadata keys are copied as they are.
     *
     * @param pointer the object's JSON pointer, or null when its values cannot be deferred
     */
    ObjectNode renderFields(JsonNode object, Set<String> skip, Scope scope, Location at, String pointer, int sceneIndex) {
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

    /** Values waiting for element timing variables, in the order the walk met them. */
    List<Deferred> deferred() {
        return deferred;
    }

    static boolean isMetadata(String key) {
        return !key.isEmpty() && METADATA.indexOf(key.charAt(0)) >= 0;
    }

    /** The JSON pointer of {@code key} inside {@code parent}, escaped as RFC 6901 asks. */
    static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
