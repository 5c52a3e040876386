package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * Reads the keys of one JSON object of a movie document, recording every problem against its JSON path
 * instead of stopping at the first. Keys that are read are "known"; {@link #finish()} reports the rest as
 * warnings (with a "did you mean" when a known key is close), which is how typos surface.
 *
 * <p>Not thread-safe: one instance reads one object on one thread.
 */
final class Fields {
    /** Keys starting with these characters are the author's metadata: never read, never reported. */
    private static final String METADATA_PREFIXES = "@?$%&_";

    /**
     * Told, on this thread, each object's known keys when it is finished: how FormatReferenceTest checks that
     * docs/format.md names every key the reader accepts. Never set outside that test.
     */
    static final ThreadLocal<java.util.function.BiConsumer<Fields, Set<String>>> FINISHED = new ThreadLocal<>();

    private final JsonNode node;
    private final Location where;
    private final List<Problem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    Fields(JsonNode node, Location where, List<Problem> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    Location where() {
        return where;
    }

    JsonNode node() {
        return node;
    }

    void error(String key, String message) {
        problems.add(Problem.error(key == null ? where.toString() : where.at(key), message));
    }

    /** Adds problems found about this object's contents as a whole (already located). */
    void report(List<Problem> found) {
        problems.addAll(found);
    }

    void warning(String key, String message) {
        problems.add(Problem.warning(key == null ? where.toString() : where.at(key), message));
    }

    /** True when the key is present with a non-null value; marks it known. */
    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** Marks keys that are accepted but have no effect (comments, reserved keys). */
    void ignore(String... keys) {
        known.addAll(List.of(keys));
    }

    /** Marks every key of the object known: used when the object is rejected as a whole. */
    void ignoreRest() {
        node.fieldNames().forEachRemaining(known::add);
    }

    JsonNode raw(String key) {
        known.add(key);
        return node.get(key);
    }

    /** A number (JSON number or numeric string); reports and returns empty on anything else. */
    OptionalDouble number(String key) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        JsonNode v = node.get(key);
        Double d = null;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                d = null;
            }
        }
        if (d == null || !Double.isFinite(d)) {
            error(key, "expected a number, got " + describe(v));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(d);
    }

    /** A number that must satisfy {@code valid}; otherwise reports "expected {expected}" and returns the default. */
    double number(String key, double defaultValue, DoublePredicate valid, String expected) {
        OptionalDouble v = number(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (!valid.test(v.getAsDouble())) {
            error(key, "expected " + expected + ", got " + format(v.getAsDouble()));
            return defaultValue;
        }
        return v.getAsDouble();
    }

    double range(String key, double defaultValue, double min, double max, String unit) {
        return number(key, defaultValue, d -> d >= min && d <= max,
                "a number" + unit + " from " + format(min) + " to " + format(max));
    }

    int integer(String key, int defaultValue, int min, int max) {
        OptionalDouble v = number(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        double d = v.getAsDouble();
        if (d != Math.rint(d) || d < min || d > max) {
            error(key, "expected a whole number from " + min + " to " + max + ", got " + format(d));
            return defaultValue;
        }
        return (int) d;
    }

    /** A string; numbers and booleans are accepted as their text (a template may produce either). */
    Optional<String> text(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
            return Optional.of(format(v.asDouble()));
        }
        if (v.isBoolean()) {
            return Optional.of(v.asText());
        }
        error(key, "expected text, got " + describe(v));
        return Optional.empty();
    }

    /** A non-blank string that must be present. */
    Optional<String> requiredText(String key, String hint) {
        Optional<String> v = text(key);
        if (!has(key)) {
            error(key, "is required: " + hint);
            return Optional.empty();
        }
        if (v.isPresent() && v.get().isBlank()) {
            error(key, "must not be empty: " + hint);
            return Optional.empty();
        }
        return v;
    }

    boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode v = node.get(key);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        error(key, "expected true or false, got " + describe(v));
        return defaultValue;
    }

    /** Words and what they stand for, in the order messages list them: {@code words("low", LOW, "high", HIGH)}. */
    @SuppressWarnings("unchecked")
    static <E> Map<String, E> words(Object... wordValuePairs) {
        Map<String, E> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < wordValuePairs.length; i += 2) {
            m.put((String) wordValuePairs[i], (E) wordValuePairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One of a fixed set of words (case-insensitive); reports the allowed words on anything else. */
    <E> E choice(String key, E defaultValue, Map<String, E> options) {
        Optional<String> v = text(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String word = v.get().trim().toLowerCase(Locale.ROOT);
        E e = options.get(word);
        if (e == null) {
            String close = Suggest.closest(word, options.keySet()).map(s -> "did you mean \"" + s + "\"? ").orElse("");
            error(key, quote(v.get()) + " is not allowed; " + close + "use one of: " + String.join(", ", options.keySet()));
            return defaultValue;
        }
        return e;
    }

    Optional<Color> color(String key) {
        Optional<String> v = text(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<Color> c = Color.parse(v.get());
        if (c.isEmpty()) {
            String close = Suggest.closest(v.get().trim().toLowerCase(Locale.ROOT), CssColorNames.names())
                    .map(s -> "did you mean \"" + s + "\"? ").orElse("");
            error(key, quote(v.get()) + " is not a colour; " + close + Color.syntaxHint());
        }
        return c;
    }

    Optional<Fields> object(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            error(key, "expected an object { … }, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new Fields(v, where.key(key), problems));
    }

    /** Reads {@code node} as if it were this object's {@code key} (a value built from it, such as defaults merged in). */
    Fields child(String key, JsonNode node) {
        known.add(key);
        return new Fields(node, where.key(key), problems);
    }

    /** The objects of an array; a non-object item is reported and skipped. */
    List<Fields> objects(String key) {
        return items(key, i -> where.key(key).index(i)).stream().map(Item::fields).toList();
    }

    /** An object of an array and its index in the array. */
    record Item(int index, Fields fields) {
    }

    /**
     * The objects of an array, each read at {@code locate}'s location for its index (where templating took it
     * from, in the author's document); a non-object item is reported there and skipped.
     */
    List<Item> items(String key, java.util.function.IntFunction<Location> locate) {
        List<Item> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            error(key, "expected an array [ … ], got " + describe(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            Location itemAt = locate.apply(i);
            if (!item.isObject()) {
                problems.add(Problem.error(itemAt.toString(), "expected an object { … }, got " + describe(item)));
                continue;
            }
            out.add(new Item(i, new Fields(item, itemAt, problems)));
        }
        return out;
    }

    /**
     * A key from the format that this version cannot honour yet: an error unless absent or set to its neutral
     * value, because silently ignoring it would render something other than what was asked for.
     */
    void unsupported(String key, String what) {
        if (!has(key)) {
            return;
        }
        JsonNode v = node.get(key);
        boolean neutral = (v.isNumber() && v.asDouble() == 0) || (v.isBoolean() && !v.asBoolean())
                || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty());
        if (!neutral) {
            error(key, what + " is not supported by this version of Moviola yet; remove \"" + key + "\" to render without it");
        }
    }

    /** Reports keys nobody read as warnings; call once every key has been read. */
    void finish() {
        java.util.function.BiConsumer<Fields, Set<String>> finished = FINISHED.get();
        if (finished != null) {
            finished.accept(this, Set.copyOf(known));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key) || (!key.isEmpty() && METADATA_PREFIXES.indexOf(key.charAt(0)) >= 0)) {
                continue;
            }
            String hint = Suggest.closest(key, known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
            warning(key, "unknown key, ignored" + hint);
        }
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case STRING -> quote(v.asText());
            case NUMBER -> Double.isFinite(v.asDouble()) ? abbreviate(v.asText()) : "a number too large for a movie";
            case BOOLEAN -> v.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A number as people write it: {@code 3}, {@code 1.5}, {@code 0.00001} (never {@code 3.0} or {@code 1.0E-5}). */
    static String format(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** What the author wrote, in quotes, and short: messages never repeat a long text in full. */
    static String quote(String s) {
        return "\"" + abbreviate(s) + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
