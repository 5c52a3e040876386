package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression language of docs/format.md#expressions, and everything outside it refused cleanly. */
class ExpressionsTest {
    static final Scope SCOPE = scope();

    static Scope scope() {
        try {
            Object vars = Values.fromJson(new ObjectMapper().readTree("""
                    {"n": 7, "half": 0.5, "name": "Oak", "flag": true, "nothing": null, "zero": "0",
                     "room": {"name": "Kitchen", "size": 12}, "rooms": [{"image": "a.jpg"}, {"image": "b.jpg"}]}"""));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) vars;
            return Scope.EMPTY.with(map);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Object eval(String e) throws ExpressionException {
        return Expressions.evaluate(e, SCOPE);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "1 + 2 => 3", "7 - 10 => -3", "3 * 4 => 12", "7 / 2 => 3.5", "6 / 2 => 3", "7 % 3 => 1", "7.5 % 2 => 1.5", "-n => -7",
        "(1 + 2) * 3 => 9", "n * half => 3.5", "'a' + 'b' => ab", "'n=' + n => n=7", "1 + '2' => 12", "\"q\" + 1.5 => q1.5",
        "n == 7 => true", "n != 7 => false", "n < 8 => true", "n <= 7 => true", "n > 7 => false", "n >= 7 => true",
        "'abc' < 'abd' => true", "true and false => false", "true && true => true", "false or true => true",
        "false || false => false", "not flag => false", "!flag => false", "n > 5 ? 'big' : 'small' => big",
        "nothing == null => true", "null => ``", "min(3, 1, 2) => 1", "max(3, 1.5) => 3", "ceil(1.2) => 2", "floor(1.8) => 1",
        "round(2.5) => 3", "round(3.14159, 2) => 3.14", "abs(-4) => 4", "abs(-1.5) => 1.5", "len('héllo') => 5",
        "len(rooms) => 2", "len(room) => 2", "upper(name) => OAK", "lower('ÀB') => àb", "room.name => Kitchen",
        "room['size'] => 12", "rooms[1].image => b.jpg", "rooms[0]['image'] => a.jpg", "max('2', 10) => 10"})
    void evaluates(String expression, String expected) throws Exception {
        assertThat(Values.text(eval(expression))).isEqualTo(expected);
    }

    @Test
    void wordsTheEngineReservesAreOrdinaryVariableNames() throws Exception {
        Scope s = Scope.EMPTY.with(Map.of("size", 120L, "empty", "", "div", 2L, "new", true,
                "home", Values.fromJson(new ObjectMapper().readTree("{\"size\": 80}"))));
        assertThat(Expressions.evaluate("size / div", s)).isEqualTo(60L);
        assertThat(Expressions.evaluate("empty == '' and new", s)).isEqualTo(true);
        assertThat(Expressions.evaluate("home.size + len('size')", s)).isEqualTo(84L);
        assertThatThrownBy(() -> Expressions.evaluate("mod + 1", s)).isInstanceOfSatisfying(UndefinedVariableException.class,
                e -> assertThat(e.name()).isEqualTo("mod"));
    }

    @Test
    void keepsTypes() throws Exception {
        assertThat(eval("1 + 2")).isEqualTo(3L);
        assertThat(eval("7 / 2")).isEqualTo(3.5);
        assertThat(eval("n > 1")).isEqualTo(true);
        assertThat(eval("rooms")).isInstanceOf(java.util.List.class);
        assertThat(eval("room")).isInstanceOf(Map.class);
        assertThat(eval("'x'")).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "'false'", "0", "'0'", "''", "null", "zero", "nothing", "0.0"})
    void falsyValues(String e) throws Exception {
        assertThat(eval("(" + e + ") ? 'yes' : 'no'")).isEqualTo("no");
        assertThat(eval("not (" + e + ")")).isEqualTo(true);
    }

    @Test
    void anUndefinedVariableIsNamed() {
        assertThatThrownBy(() -> eval("ghost + 1")).isInstanceOfSatisfying(UndefinedVariableException.class,
                e -> assertThat(e.name()).isEqualTo("ghost"));
        assertThatThrownBy(() -> eval("room.nmae")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("there is no key \"nmae\"").hasMessageContaining("its keys: name, size");
        assertThatThrownBy(() -> eval("rooms[5]")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void aPathThroughAnUndefinedVariableIsThatVariableUndefined() {
        for (String e : new String[] {"missing_obj.field", "missing[0]", "missing.a.b + 1", "len(missing.list)"}) {
            assertThatThrownBy(() -> eval(e)).as(e).isInstanceOfSatisfying(UndefinedVariableException.class,
                    u -> assertThat(u.name()).isIn("missing_obj", "missing"));
        }
    }

    /** Every way out of the sandbox that we know of ends in a clean ExpressionException, never in Java. */
    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()", "''.getClass().forName('java.lang.Runtime')", "java.lang.Runtime.getRuntime().exec('id')",
        "room.getClass()", "room.class", "rooms.size()", "new('java.io.File', '/etc/passwd')",
        "new java.io.File('/')", "T(java.lang.System).exit(0)", "Functions.class", "x = 1", "n = 5", "var x = 1",
        "for (i : [1,2]) { i }", "while (true) { 1 }", "function(x) { x }", "x -> x", "[1, 2, 3]", "{'a': 1}",
        "1..1000000000", "#pragma jexl.namespace.x java.lang.System", "`${n}`", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+$'",
        "n & 1", "n | 1", "~n", "n << 62", "empty(room)", "size(rooms)", "n === 7", "exec('ls')", "getClass()",
        "9223372036854775807 + 1", "99999999999999999999 * 99999999999999999999", "1e999", "1 / 0", "n % 0",
        "@java.lang.Deprecated n", "import java.io", "return 1", "throw 'x'", "n++", "n += 1",
        "min()", "len(5)", "round(1, 99)", "upper()"})
    void escapesAndAbusesAreRefused(String expression) {
        assertThatThrownBy(() -> eval(expression)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("dev.moviola").doesNotContain("org.apache"));
    }

    @Test
    void sizeAndNestingAreBounded() {
        assertThatThrownBy(() -> eval("1" + " + 1".repeat(1000))).hasMessageContaining("limit");
        assertThatThrownBy(() -> eval("(".repeat(100) + "1" + ")".repeat(100))).hasMessageContaining("nests deeper");
        assertThatThrownBy(() -> eval("upper(" .repeat(40) + "'a'" + ")".repeat(40))).hasMessageContaining("nests deeper");
        String big = "'" + "x".repeat(1000) + "'";
        StringBuilder grow = new StringBuilder(big);
        for (int i = 0; i < 10; i++) {
            grow.append(" + ").append(big);
        }
        // Concatenation is bounded by the expression's own length; a megabyte is the cap on any text.
        assertThatThrownBy(() -> eval(grow + " + " + grow)).hasMessageContaining("limit");
    }

    @Test
    void nestingWithinTheLimitWorks() throws Exception {
        assertThat(eval("(".repeat(30) + "1" + ")".repeat(30))).isEqualTo(1L);
    }

    /** Found by MovieFuzzTest: a letter outside ASCII made the name protection fail with IllegalStateException. */
    @ParameterizedTest
    @ValueSource(strings = {"é + 1", "名前", "n + ñ", "'x' + Ω"})
    void lettersBeyondAsciiAreOrdinaryErrors(String expression) {
        assertThatThrownBy(() -> eval(expression)).isInstanceOf(ExpressionException.class);
    }

    /**
     * Found by MovieFuzzTest and ExpressionSandboxTest: arithmetic on arrays, objects, null or words failed with the
     * engine's Java messages ("BigInteger coercion: java.util.Collections$UnmodifiableRandomAccessList…").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "rooms * 2 => * needs numbers, not an array", "room / 2 => / needs numbers, not an object",
        "-nothing => arithmetic needs numbers, not null", "'abc' - 1 => \"abc\" is not a number, so - cannot use it",
        "n % 'x' => \"x\" is not a number", "+rooms => + needs numbers, not an array",
        "rooms + 1 => + needs numbers, not an array"})
    void arithmeticOnWhatIsNotANumberSaysSoInTheAuthorsTerms(String expression, String expected) {
        assertThatThrownBy(() -> eval(expression)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining(expected).satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("java.", "coercion", "JEXL", "$"));
    }

    @Test
    void numericTextStillWorksInArithmetic() throws Exception {
        assertThat(eval("'6' / 2")).isEqualTo(3L);
        assertThat(eval("' 2.5 ' * 2")).isEqualTo(5.0);
        assertThat(eval("zero - 1")).isEqualTo(-1L);
    }

    /** Found by ExpressionSandboxTest: "-big" repeated the whole 600 000-character text in its message. */
    @Test
    void messagesQuoteLongValuesShort() {
        Scope s = Scope.EMPTY.with(Map.of("big", "b".repeat(600_000)));
        assertThatThrownBy(() -> Expressions.evaluate("-big", s)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("is not a number").hasSizeLessThan(300));
        assertThatThrownBy(() -> eval("'" + "y".repeat(1900) + "' - 1"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
}
