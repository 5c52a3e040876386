package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Location;

/**
 * Applies a scene's or an element's {@code condition} (docs/format.md#conditions): whether it stays. Asked once the node's own
 * variables are known (it may use them) and before the rest is rendered, so a dropped part reports nothing inside.
 */
final class ConditionDirective {
    private final Budget budget;
    private final Problems problems;

    ConditionDirective(Budget budget, Problems problems) {
        this.budget = budget;
        this.problems = problems;
    }

    /**
     * Whether {@code node} stays: its {@code condition} is an expression (optionally in one {@code {{ }}}), or a
     * JSON boolean/number. An undefined variable is falsy, not an error, so a condition can test whether a
     * variable was given at all.
     */
    boolean keeps(JsonNode node, Scope scope, Location at) {
        JsonNode c = node.get("condition");
        if (c == null) {
            return true;
        }
        if (c.isNull() || c.isBoolean() || c.isNumber()) {
            return Values.truthy(Values.fromJson(c));
        }
        Location key = at.key("condition");
        if (!budget.spend(1, 0, key)) {
            return false;
        }
        if (!c.isTextual()) {
            problems.error(key, "expected an expression such as \"{{ price > 0 }}\", got " + (c.isArray() ? "an array" : "an object"));
            return false;
        }
        String text = c.asText();
        try {
            String expression = text;
            if (TemplateString.isTemplate(text)) {
                TemplateString t = TemplateString.parse(text);
                if (!t.isSingleExpression()) {
                    // Text around {{ }} would make the condition a string, true whatever the expression says.
                    problems.error(key, Values.quote(text) + " mixes text and {{ }}: write the whole condition as one expression, "
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
            problems.error(key, e.getMessage());
            return false;
        }
    }
}
