package dev.moviola.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions expressions may call, and nothing else: {@code min max ceil floor round abs len upper lower}.
 * Public and static because the expression engine calls them by name; it is allowed to see this class only.
 */
public final class Functions {
    private Functions() {
    }

    public static Object min(Object... values) {
        requireSome("min", values);
        Number best = null;
        for (Object v : values) {
            Number n = numberArg("min", v);
            if (best == null || n.doubleValue() < best.doubleValue()) {
                best = n;
            }
        }
        return best;
    }

    public static Object max(Object... values) {
        requireSome("max", values);
        Number best = null;
        for (Object v : values) {
            Number n = numberArg("max", v);
            if (best == null || n.doubleValue() > best.doubleValue()) {
                best = n;
            }
        }
        return best;
    }

    public static Object ceil(Object x) {
        return whole(Math.ceil(numberArg("ceil", x).doubleValue()));
    }

    public static Object floor(Object x) {
        return whole(Math.floor(numberArg("floor", x).doubleValue()));
    }

    public static Object round(Object x) {
        return whole(Math.round(numberArg("round", x).doubleValue()));
    }

    /** Rounds to {@code digits} decimals: {@code round(3.14159, 2)} is 3.14. */
    public static Object round(Object x, Object digits) {
        long d = numberArg("round", digits).longValue();
        if (d < 0 || d > 12) {
            throw new IllegalArgumentException("round(x, digits) takes 0 to 12 digits");
        }
        double scale = Math.pow(10, d);
        return Values.number(Math.round(numberArg("round", x).doubleValue() * scale) / scale);
    }

    public static Object abs(Object x) {
        Number n = numberArg("abs", x);
        return n instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(n.doubleValue());
    }

    /** Length of text (in characters), of an array, or number of keys of an object. */
    public static Object len(Object x) {
        if (x instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (x instanceof List<?> l) {
            return (long) l.size();
        }
        if (x instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        throw new IllegalArgumentException("len() takes text, an array or an object, not " + Values.describeType(x));
    }

    public static Object upper(Object x) {
        return Values.text(x).toUpperCase(Locale.ROOT);
    }

    public static Object lower(Object x) {
        return Values.text(x).toLowerCase(Locale.ROOT);
    }

    private static Object whole(double d) {
        return Values.number(d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) d);
    }

    private static void requireSome(String fn, Object[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(fn + "() needs at least one number");
        }
    }

    private static Number numberArg(String fn, Object v) {
        if (v instanceof Number) {
            return Values.number(v);
        }
        if (v instanceof String s) {
            try {
                return Values.number(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(fn + "() takes numbers, not " + Values.describeType(v)
                + (v instanceof String s ? " " + Values.quote(s) : ""));
    }
}
