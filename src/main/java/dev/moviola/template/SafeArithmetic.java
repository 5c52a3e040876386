package dev.moviola.template;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlOperator;

/**
 * Arithmetic of the expression language: JavaScript-like {@code +} (text when either side is text), true
 * division ({@code 7 / 2 = 3.5}), the format's truthiness ({@code false "false" 0 "0" "" null} are false),
 * results limited to finite numbers and texts of at most a megabyte, and every operator the language does
 * not have (regex matching, bit operations, {@code empty}, {@code size}, …) refused.
 */
final class SafeArithmetic extends JexlArithmetic {
    static final int MAX_TEXT = 1 << 20;

    SafeArithmetic() {
        super(true);
    }

    /**
     * Null is an ordinary falsy value for {@code not}, {@code ?:}, {@code and}/{@code or} and comparisons with
     * {@code ==}; arithmetic on null stays an error.
     */
    @Override
    public boolean isStrict(JexlOperator op) {
        return switch (op) {
            case NOT, CONDITION, EQ, EQSTRICT -> false;
            default -> super.isStrict(op);
        };
    }

    @Override
    public Object not(Object v) {
        return !toBoolean(v);
    }

    @Override
    public boolean toBoolean(Object v) {
        return Values.truthy(v);
    }

    @Override
    public Object add(Object left, Object right) {
        if (left instanceof String || right instanceof String) {
            String s = Values.text(left) + Values.text(right);
            if (s.length() > MAX_TEXT) {
                throw new ArithmeticException("the text would be longer than " + MAX_TEXT + " characters");
            }
            return s;
        }
        return normal(super.add(operand(left, "+"), operand(right, "+")));
    }

    @Override
    public Object subtract(Object left, Object right) {
        return normal(super.subtract(operand(left, "-"), operand(right, "-")));
    }

    @Override
    public Object multiply(Object left, Object right) {
        return normal(super.multiply(operand(left, "*"), operand(right, "*")));
    }

    @Override
    public Object divide(Object left, Object right) {
        double divisor = toDouble(operand(right, "/"));
        if (divisor == 0) {
            throw new ArithmeticException("division by zero");
        }
        double q = toDouble(operand(left, "/")) / divisor;
        return normal(q == Math.rint(q) && Math.abs(q) < 9e15 ? (Object) (long) q : (Object) q);
    }

    @Override
    public Object mod(Object left, Object right) {
        Object r = operand(right, "%");
        if (toDouble(r) == 0) {
            throw new ArithmeticException("division by zero");
        }
        return normal(super.mod(operand(left, "%"), r));
    }

    @Override
    public Object negate(Object v) {
        return normal(super.negate(operand(v, "-")));
    }

    @Override
    public Object positivize(Object v) {
        return normal(super.positivize(operand(v, "+")));
    }

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[+-]?\\d{1,18}");
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A value arithmetic can use: a number, true/false, or text that reads as a number (docs/format.md#substitution: numeric strings
     * are accepted where numbers are expected), made a number here so the engine never converts anything itself.
     * Anything else is refused in the author's terms.
     */
    static Object operand(Object v, String op) {
        if (v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (WHOLE.matcher(t).matches()) {
                return Long.parseLong(t);
            }
            if (t.length() < 400 && DECIMAL.matcher(t).matches() && Double.isFinite(Double.parseDouble(t))) {
                return Double.parseDouble(t);
            }
            throw new ArithmeticException("\"" + Values.abbreviate(s, 40) + "\" is not a number, so " + op
                    + " cannot use it");
        }
        throw new ArithmeticException(op + " needs numbers, not " + Values.describeType(v));
    }

    private static Object normal(Object v) {
        return v instanceof Number ? Values.number(v) : v;
    }

    private static UnsupportedOperationException notInLanguage(String op) {
        return new UnsupportedOperationException("the operator " + op + " is not part of the expression language");
    }

    @Override
    public Boolean contains(Object container, Object value) {
        throw notInLanguage("=~");
    }

    @Override
    public Boolean startsWith(Object left, Object right) {
        throw notInLanguage("=^");
    }

    @Override
    public Boolean endsWith(Object left, Object right) {
        throw notInLanguage("=$");
    }

    @Override
    public Object and(Object left, Object right) {
        throw notInLanguage("& (use and)");
    }

    @Override
    public Object or(Object left, Object right) {
        throw notInLanguage("| (use or)");
    }

    @Override
    public Object xor(Object left, Object right) {
        throw notInLanguage("^");
    }

    @Override
    public Object complement(Object v) {
        throw notInLanguage("~");
    }

    @Override
    public Object shiftLeft(Object left, Object right) {
        throw notInLanguage("<<");
    }

    @Override
    public Object shiftRight(Object left, Object right) {
        throw notInLanguage(">>");
    }

    @Override
    public Object shiftRightUnsigned(Object left, Object right) {
        throw notInLanguage(">>>");
    }

    @Override
    public Boolean isEmpty(Object v) {
        throw notInLanguage("empty (use len(x) == 0)");
    }

    @Override
    public Integer size(Object v) {
        throw notInLanguage("size (use len)");
    }

    @Override
    public Integer size(Object v, Integer def) {
        throw notInLanguage("size (use len)");
    }

    @Override
    public Boolean empty(Object v) {
        throw notInLanguage("empty (use len(x) == 0)");
    }

    @Override
    public Boolean isEmpty(Object v, Boolean def) {
        throw notInLanguage("empty (use len(x) == 0)");
    }

    @Override
    public boolean strictEquals(Object left, Object right) {
        throw notInLanguage("=== (use ==)");
    }

    @Override
    public Object increment(Object v) {
        throw notInLanguage("++");
    }

    @Override
    public Object decrement(Object v) {
        throw notInLanguage("--");
    }
}
