package dev.moviola.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A string value that may hold {@code {{ expression }}} parts (docs/format.md#substitution). A string that is exactly one
 * {@code {{ }}} (whitespace around it allowed) takes the expression's type; otherwise each part is turned
 * into text and spliced in.
 */
public final class TemplateString {
    private final List<String> literals;
    private final List<String> expressions;

    private TemplateString(List<String> literals, List<String> expressions) {
        this.literals = literals;
        this.expressions = expressions;
    }

    public static boolean isTemplate(String s) {
        return s.contains("{{");
    }

    public static TemplateString parse(String s) throws ExpressionException {
        List<String> literals = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = s.indexOf("{{", from);
            if (open < 0) {
                literals.add(s.substring(from));
                return new TemplateString(literals, expressions);
            }
            int close = s.indexOf("}}", open + 2);
            if (close < 0) {
                throw new ExpressionException("\"{{\" without a closing \"}}\"");
            }
            literals.add(s.substring(from, open));
            expressions.add(s.substring(open + 2, close));
            from = close + 2;
        }
    }

    /** How many {@code {{ }}} the string holds: the expressions {@link #render} evaluates. */
    public int expressionCount() {
        return expressions.size();
    }

    /** True when the string is one {@code {{ }}} and nothing else but whitespace. */
    public boolean isSingleExpression() {
        return expressions.size() == 1 && literals.get(0).isBlank() && literals.get(1).isBlank();
    }

    /** The only expression of a {@link #isSingleExpression() single-expression} string. */
    public String expression() {
        return expressions.get(0);
    }

    public Object render(Scope scope) throws ExpressionException {
        if (isSingleExpression()) {
            return Expressions.evaluate(expressions.get(0), scope);
        }
        StringBuilder sb = new StringBuilder(literals.get(0));
        for (int i = 0; i < expressions.size(); i++) {
            sb.append(Values.text(Expressions.evaluate(expressions.get(i), scope))).append(literals.get(i + 1));
            if (sb.length() > SafeArithmetic.MAX_TEXT) {
                throw new ExpressionException("the text would be longer than " + SafeArithmetic.MAX_TEXT + " characters");
            }
        }
        return sb.toString();
    }
}
