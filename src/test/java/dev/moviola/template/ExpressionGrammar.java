package dev.moviola.template;

import dev.moviola.testing.Hostile;
import java.util.List;
import java.util.Random;

/**
 * Random expressions from the language's grammar (docs/format.md#expressions) mixed with what other languages and attackers write:
 * class names, reflection, {@code T(…)}, {@code new}, {@code import}, {@code eval}, prototype tricks, template
 * and script syntax, assignments, loops, deep nesting, huge numbers and long or odd texts. Deterministic from its
 * {@link Random}.
 */
final class ExpressionGrammar {
    static final List<String> VARIABLES = List.of("n", "half", "name", "flag", "nothing", "zero", "room", "rooms",
            "big", "huge", "tiny", "canary", "size", "empty", "item", "ghost", "room.name", "rooms[1].image");
    static final List<String> FUNCTIONS = List.of("min", "max", "ceil", "floor", "round", "abs", "len", "upper", "lower");
    static final List<String> FOREIGN_FUNCTIONS = List.of("getClass", "forName", "exec", "eval", "import", "require",
            "load", "T", "new", "size", "empty", "print", "println", "System.getProperty", "System.getenv",
            "Runtime.getRuntime", "Class.forName", "java.lang.System.exit", "Thread.sleep", "setProperty", "repeat",
            "pow", "Math.pow", "range", "sort", "keys", "values", "toString", "hashCode", "wait", "notify");
    static final List<String> MEMBERS = List.of("name", "image", "size", "length", "class", "getClass()",
            "toString()", "hashCode()", "constructor", "__proto__", "prototype", "exec()", "getSecret()", "secret",
            "entrySet()", "keySet()", "values()", "get('name')", "put('x', 1)", "clear()", "iterator()",
            "getDeclaredMethods()", "classLoader", "getClassLoader()", "runtime");
    static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and",
            "or", "&&", "||", "+", "*", "&", "|", "^", "<<", ">>", ">>>", "=~", "!~", "=^", "=$", "..", "===", "!==",
            "?:", "??", "=", "+=", "-=", "instanceof", "in", "**", ";", ",", "->", "=>");
    static final List<String> FRAGMENTS = List.of("java.lang.Runtime", "java.lang.Runtime.getRuntime().exec('id')",
            "getClass()", "''.getClass()", "''.class.forName('java.lang.System')", "T(java.lang.System)",
            "T(java.lang.System).getProperty('user.home')", "T(java.lang.System).setProperty('moviola.pwned', '1')",
            "new java.io.File('/tmp/moviola-pwned')", "new('java.io.File', '/tmp/moviola-pwned')", "__proto__",
            "constructor", "constructor.constructor('return 1')()", "import java.io.File", "import('fs')",
            "eval('1 + 1')", "${1 + 1}", "#{1 + 1}", "`id`", "#pragma jexl.import java.lang", "@Deprecated 1",
            "var x = 1", "let x = 1", "x = 1", "for (x : rooms) { x }", "while (true) {}", "function() { 1 }",
            "(x) -> x", "x => x", "[1, 2, 3]", "{'a': 1}", "{1, 2}", "1..1000000000", "'\\u0000'", "'\uD800'",
            "'\u202Eevil'", "'🎬'", "\"\\\"\"", "'\\''", "/*x*/1", "//x", "1;2", "this", "self", "global",
            "window", "process.env", "System.getenv('PATH')", "@java.lang.Deprecated", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "1" + "0".repeat(400), "1e308", "1e309", "4.9e-324",
            "0x7fffffffffffffff", "0777", "1_000", "NaN", "Infinity", "-Infinity", "null", "true", "false",
            "canary", "canary.exec()", "canary.secret", "canary.getSecret()", "canary['secret']", "room.getClass()",
            "rooms.getClass().getClassLoader()", "rooms.size()", "rooms[0].getClass().forName('java.lang.Runtime')",
            "empty(rooms)", "size(rooms)", "len(big + big)", "big + big", "upper(big) + lower(big)", "big + 'x'");

    private final Random random;

    ExpressionGrammar(Random random) {
        this.random = random;
    }

    String expression() {
        return switch (random.nextInt(12)) {
            case 0 -> Hostile.pick(random, FRAGMENTS);
            case 1 -> nested(1 + random.nextInt(random.nextBoolean() ? 40 : 120));
            case 2 -> longText();
            case 3 -> expression(0) + " " + Hostile.pick(random, FRAGMENTS);
            default -> expression(0);
        };
    }

    private String expression(int depth) {
        if (depth > 5) {
            return atom();
        }
        return switch (random.nextInt(11)) {
            case 0, 1 -> atom();
            case 2 -> (random.nextBoolean() ? "-" : random.nextBoolean() ? "!" : "not ") + expression(depth + 1);
            case 3, 4 -> expression(depth + 1) + " " + Hostile.pick(random, OPERATORS) + " " + expression(depth + 1);
            case 5 -> expression(depth + 1) + " ? " + expression(depth + 1) + " : " + expression(depth + 1);
            case 6 -> "(" + expression(depth + 1) + ")";
            case 7 -> call(Hostile.pick(random, FUNCTIONS), depth);
            case 8 -> call(Hostile.pick(random, FOREIGN_FUNCTIONS), depth);
            case 9 -> atom() + "." + Hostile.pick(random, MEMBERS);
            default -> atom() + "[" + expression(depth + 1) + "]";
        };
    }

    private String call(String function, int depth) {
        StringBuilder sb = new StringBuilder(function).append('(');
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(expression(depth + 1)).append(i > 1 ? ", " : "");
        }
        return sb.append(')').toString();
    }

    private String atom() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> Hostile.pick(random, VARIABLES);
            case 2 -> Hostile.pick(random, Hostile.NUMBERS).toString();
            case 3 -> Integer.toString(random.nextInt(1000) - 500);
            case 4 -> "'" + Hostile.oddText(random, random.nextInt(20)).replace("\\", "\\\\").replace("'", "\\'") + "'";
            case 5 -> Hostile.pick(random, List.of("true", "false", "null", "'0'", "''", "'false'", "0.0"));
            case 6 -> Hostile.pick(random, Hostile.NAMES);
            default -> Hostile.pick(random, FRAGMENTS);
        };
    }

    /** An expression inside {@code depth} parentheses or function calls. */
    private String nested(int depth) {
        String open = random.nextBoolean() ? "(" : Hostile.pick(random, FUNCTIONS) + "(";
        return open.repeat(depth) + atom() + ")".repeat(depth);
    }

    /** A text literal near or past the length limit, or many texts joined. */
    private String longText() {
        int length = random.nextBoolean() ? 1990 + random.nextInt(20) : 200 + random.nextInt(800);
        String literal = "'" + "é🎬x".repeat(length / 4 + 1).substring(0, length) + "'";
        return random.nextBoolean() ? literal : (literal + " + ").repeat(1 + random.nextInt(3)) + "big";
    }
}
