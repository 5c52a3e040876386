package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.testing.Bounded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import dev.moviola.testing.Slow;

/**
 * A property of the expression language (docs/format.md#expressions): whatever an author writes — thousands of random expressions
 * from {@link ExpressionGrammar}, many hostile — evaluating it gives a plain value (text, number, true/false,
 * null, or an array or object the document defined) or an {@link ExpressionException} with a message in the
 * author's terms, quickly and within bounded memory, and never touches Java: no method of an object reached,
 * no system property set, no file made.
 *
 * <p>Reproducible: {@code -Dmoviola.fuzz.seed=N} changes the run.
 */
@Slow
class ExpressionSandboxTest {
    static final long SEED = Long.getLong("moviola.fuzz.seed", 0x5EED_2025L);
    static final int EXPRESSIONS = 5000;
    static final long MAX_ALLOCATED = 64L << 20;
    static final List<String> CODE_WORDS = List.of("java.", "dev.moviola", "org.apache", "Exception", "jexl", "JEXL",
            "Jexl", "@", "Collections$", "Unmodifiable", "coercion");
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "moviola-pwned");

    /**
     * A map as the document's objects are, with what a real Java object would offer besides: public methods and
     * a field. Expressions may read its keys; they must never reach the rest.
     */
    public static final class Canary extends AbstractMap<String, Object> {
        static final AtomicBoolean TOUCHED = new AtomicBoolean();
        public String secret = "secret";

        public Object exec() {
            TOUCHED.set(true);
            return "pwned";
        }

        public String getSecret() {
            TOUCHED.set(true);
            return secret;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of(Map.entry("name", "canary"));
        }
    }

    static Scope scope() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = new LinkedHashMap<>((Map<String, Object>) Values.fromJson(new ObjectMapper().readTree("""
                {"n": 7, "half": 0.5, "name": "Oak", "flag": true, "nothing": null, "zero": "0",
                 "room": {"name": "Kitchen", "size": 12}, "rooms": [{"image": "a.jpg"}, {"image": "b.jpg"}]}""")));
        vars.put("big", "b".repeat(600_000));
        vars.put("huge", 1e308);
        vars.put("tiny", Double.MIN_VALUE);
        vars.put("size", 120L);
        vars.put("empty", "");
        vars.put("item", Values.fromJson(new ObjectMapper().readTree("{\"name\": \"x\", \"list\": [1, [2, [3]]]}")));
        vars.put("canary", new Canary());
        return Scope.EMPTY.with(vars);
    }

    @Test
    void everyExpressionGivesAPlainValueOrAnExpressionErrorQuicklyAndNeverReachesJava() throws Exception {
        Scope scope = scope();
        Random master = new Random(SEED);
        Map<String, String> failures = new LinkedHashMap<>(); // kind → first example
        int values = 0;
        int refused = 0;
        try (Bounded bounded = new Bounded(Duration.ofSeconds(2))) {
            for (int i = 0; i < EXPRESSIONS; i++) {
                String e = new ExpressionGrammar(new Random(master.nextLong())).expression();
                Bounded.Result<Object> r = bounded.run(() -> Expressions.evaluate(e, scope));
                String wrong = failure(r, e);
                if (wrong != null) {
                    failures.putIfAbsent(wrong.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N"),
                            wrong + "\n  expression: " + abbreviate(e));
                } else if (r.thrown() == null) {
                    values++;
                } else {
                    refused++;
                }
            }
        }
        System.out.printf("%d expressions (seed %d): %d values, %d refused%n", EXPRESSIONS, SEED, values, refused);
        assertThat(failures.values()).as("run seed %d", SEED).isEmpty();
        assertThat(Canary.TOUCHED).as("a method of an object in scope was called").isFalse();
        assertThat(System.getProperty("moviola.pwned")).isNull();
        assertThat(PWNED).doesNotExist();
        assertThat(values).as("expressions that evaluated (refused: %d)", refused).isGreaterThan(EXPRESSIONS / 20);
        assertThat(refused).isGreaterThan(EXPRESSIONS / 4);
    }

    static String failure(Bounded.Result<Object> r, String expression) {
        if (r.timedOut()) {
            return "took longer than 2 s";
        }
        if (r.allocatedBytes() > MAX_ALLOCATED) {
            return "allocated " + (r.allocatedBytes() >> 20) + " MiB";
        }
        if (r.thrown() != null) {
            if (!(r.thrown() instanceof ExpressionException x)) {
                return "threw " + r.thrown() + " at " + (r.thrown().getStackTrace().length > 0
                        ? r.thrown().getStackTrace()[0] : "?");
            }
            String m = x.getMessage();
            if (m == null || m.isBlank()) {
                return "an error without a message";
            }
            for (String w : CODE_WORDS) {
                if (m.contains(w) && !expression.contains(w)) {
                    return "a message about the code, not the expression: " + abbreviate(m);
                }
            }
            if (m.length() > Expressions.MAX_LENGTH + 500) {
                return "a message of " + m.length() + " characters";
            }
            return null;
        }
        return plain(r.value());
    }

    /** Why a result is not a plain value the document could hold, or null. */
    static String plain(Object v) {
        if (v == null || v instanceof Boolean || v instanceof Long) {
            return null;
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? null : "the number " + d;
        }
        if (v instanceof String s) {
            return s.length() <= SafeArithmetic.MAX_TEXT ? null : "a text of " + s.length() + " characters";
        }
        if (v instanceof List<?> l) {
            List<String> wrong = new ArrayList<>();
            l.forEach(x -> wrong.add(plain(x)));
            return wrong.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (v instanceof Map<?, ?>) {
            return null;
        }
        return "a " + v.getClass().getName();
    }

    /** Short, and with control characters and lone surrogates escaped so reports print whole. */
    static String abbreviate(String s) {
        String cut = s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " characters)";
        StringBuilder sb = new StringBuilder();
        cut.chars().forEach(c -> sb.append(c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return sb.toString();
    }
}
