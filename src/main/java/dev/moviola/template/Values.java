package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Template values: JSON turned into plain immutable Java values (String, Long, Double, Boolean, null,
 * {@link JsonObject}, List) for expressions, and back. Numbers are always Long or Double.
 */
public final class Values {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {
    }

    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(fromJson(n)));
            return Collections.unmodifiableList(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(e.getValue())));
        return new JsonObject(map);
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number) {
            Number n = number(value);
            double d = n.doubleValue();
            if (n instanceof Long l) {
                return NODES.numberNode(l);
            }
            return d == Math.rint(d) && Math.abs(d) < 9e15 ? NODES.numberNode((long) d) : NODES.numberNode(d);
        }
        if (value instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
            return o;
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** Any Java number as Long (when whole and in range) or Double; NaN and infinities are refused. */
    public static Number number(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() < 63) {
                return b.longValue();
            }
            throw new ArithmeticException("the number " + b + " is too large");
        }
        double d = value instanceof BigDecimal bd ? bd.doubleValue() : ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
            throw new ArithmeticException("the result is not a finite number");
        }
        return d;
    }

    /**
     * A value as text, the way templates splice it: whole numbers without a decimal point (3), others in their
     * shortest form (1.5), null as nothing, objects and arrays as JSON.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            Number n = number(value);
            if (n instanceof Long) {
                return n.toString();
            }
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map || value instanceof List) {
            return toJson(value).toString();
        }
        return String.valueOf(value);
    }

    /**
     * The format's truthiness (docs/format.md#conditions): {@code false}, {@code "false"}, {@code 0}, {@code "0"}, {@code ""} and
     * null are false; everything else is true.
     */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !(s.isEmpty() || s.equals("false") || s.equals("0"));
        }
        return true;
    }

    /** What the author wrote, in quotes, and short: messages never repeat a long text in full. */
    public static String quote(String s) {
        return "\"" + abbreviate(s, 100) + "\"";
    }

    /** At most {@code max} characters of a text, for messages that quote what the author wrote. */
    public static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The JSON type name of a value, for messages ("an array", "a number", …). */
    public static String describeType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "an object";
    }

    /**
     * A JSON object seen from expressions: reading a key it does not have is an error (naming the key), not a
     * silent null, so typos in {@code {{ room.nmae }}} are caught.
     */
    public static final class JsonObject extends AbstractMap<String, Object> {
        private final Map<String, Object> fields;

        JsonObject(Map<String, Object> fields) {
            this.fields = Collections.unmodifiableMap(fields);
        }

        @Override
        public Object get(Object key) {
            if (!fields.containsKey(key)) {
                throw new MissingKeyException(String.valueOf(key), fields.keySet());
            }
            return fields.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return fields.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return fields.entrySet();
        }
    }

    /** Thrown from {@link JsonObject#get} for a key the object does not have. */
    static final class MissingKeyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingKeyException(String key, Set<String> keys) {
            super("there is no key \"" + key + "\" there" + (keys.isEmpty() ? "" : " (its keys: " + String.join(", ", keys) + ")"),
                    null, false, false);
        }
    }
}
