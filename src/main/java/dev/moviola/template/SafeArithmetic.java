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
        return normal(super.add(left, right));
    }

    @Override
    public Object subtract(Object left, Object right) {
        return normal(super.subtract(left, right));
    }

    @Override
    public Object multiply(Object left, Object right) {
        return normal(super.multiply(left, right));
    }

    @Override
    public Object divide(Object left, Object right) {
        double divisor = toDouble(right);
        if (divisor == 0) {
            throw new ArithmeticException("division by zero");
        }
        double q = toDouble(left) / divisor;
        return normal(q == Math.rint(q) && Math.abs(q) < 9e15 ? (Object) (long) q : (Object) q);
    }

    @Override
    public Object mod(Object left, Object right) {
        if (toDouble(right) == 0) {
            throw new ArithmeticException("division by zero");
        }
        return normal(super.mod(left, right));
    }

    @Override
    public Object negate(Object v) {
        return normal(super.negate(v));
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
