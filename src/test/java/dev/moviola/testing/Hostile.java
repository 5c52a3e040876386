package dev.moviola.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Values a hostile or careless client sends, for the fuzz tests: edge numbers, long and odd texts, keys of the
 * format and keys that are not, and {@code {{ }}} templates that are broken or try to escape. Nothing here names
 * a host other than loopback (port 9, where nothing listens), so a fuzzed movie that gets rendered never
 * reaches the network.
 */
public final class Hostile {
    public static final String LONG = "x".repeat(100_000);

    /** JSON number tokens that Java numbers cannot write (Jackson reads most of them as NaN or infinity, or refuses them). */
    public static final List<String> RAW_NUMBERS = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf",
            "1e999", "-1e999", "1E-400", "0x10", "01", ".5", "1.", "+1", "-0", "1e", "--1", "9223372036854775808",
            "-9223372036854775809", "1" + "0".repeat(400), "0." + "0".repeat(400) + "1", "1" + "0".repeat(2000) + ".5");

    public static final List<Object> NUMBERS = List.of(0, -0.0, 1, -1, -2, -3, 0.5, 1e308, -1e308, Double.MIN_VALUE,
            -Double.MIN_VALUE, -1e-9, 1e-9, Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.ONE.shiftLeft(63),
            BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE), BigInteger.TEN.pow(100),
            Integer.MAX_VALUE, Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, 1e15, 9e15 + 1, 123456789.123456789,
            25, 30, 120, 121, 3840, 3841, 2160, 100_000, 99, -99, 100, 0.01, 0.5, 10, 11, 1200, 1201,
            new BigDecimal("1e400"), new BigDecimal("-1e400"), new BigDecimal("1e-400"));

    public static final List<String> STRINGS = List.of("", " ", "x", LONG, "é".repeat(50_000), "\u202Eevil\u202C",
            "مرحبا بالعالم", "שלום", "🎬👩‍👩‍👧🏳️‍🌈", "a\u0000b", "\u0000", "\uD800", "\uDFFF", "x\uDBFF\uDBFFy",
            "\uFEFF", "\r\n\t", "\\", "\"", "'", "${jndi:ldap://127.0.0.1:9/a}", "'; rm -rf /", "[0:v]",
            "drawtext=text=x", "../../../etc/hostname", "file:photo.png", "http://127.0.0.1:9/x.png",
            "1e308", "-1e308", "1e999", "NaN", "Infinity", "-Infinity", "nan", "0x10", "  5  ", "-1", "-2", "0",
            "1e-320", "true", "false", "null", "#GGG", "#FFF", "#12345678", "rgba(1,2,3)", "rgba(999,-1,NaN,2)",
            "rgba(1e308, 1, 1, 1)", "transparent", "10vw", "-5px", "1e308px", "NaNem", "4vh", "1 2 3 4 5",
            "0px 0px 1e308px red", "HD", "Full-HD", "custom", "fade", "cover", "fit", "top-left", "001", "013",
            "image", "video", "text", "audio", "voice", "__proto__", "constructor", "{{", "}}", "{{ }}", "{}", "[]");

    /** Keys of the format (at every level), metadata keys and keys no format has. */
    public static final List<String> KEYS = List.of("type", "src", "text", "duration", "start", "extra-time",
            "z-index", "fade-in", "fade-out", "cache", "condition", "variables", "comment", "position", "x", "y",
            "width", "height", "resize", "crop", "rotate", "flip-horizontal", "flip-vertical", "zoom", "pan",
            "pan-distance", "pan-crop", "opacity", "chroma-key", "correction", "mask", "volume", "muted", "seek",
            "loop", "style", "settings", "font-family", "font-url", "font-size", "font-weight", "font-color", "color",
            "background-color", "text-align", "vertical-align", "line-height", "letter-spacing", "text-shadow",
            "text-transform", "padding", "scenes", "elements", "resolution", "fps", "quality", "draft", "id",
            "client-data", "exports", "destinations", "endpoint", "content-type", "preload", "iterate", "iterate-as",
            "import", "transition", "prompt", "model", "", "@meta", "_x", "$ref", "__proto__", "constructor",
            "Type", "duraton", "é", "🎬", "\u0000", "a.b", "a[0]", LONG.substring(0, 5000));

    /** Variable names: ordinary, reserved by the engine underneath, and not names at all. */
    public static final List<String> NAMES = List.of("v", "item", "index", "count", "size", "empty", "new", "var",
            "import", "class", "getClass", "__proto__", "constructor", "intro_end", "x_start", "_x", "1x", "a-b", "é",
            "System", "Runtime", "java", "T", "this", LONG.substring(0, 3000));

    /** {@code {{ }}} templates: broken, hostile, huge, or fine but with surprising values. */
    public static final List<String> TEMPLATES = List.of("{{", "}}", "{{}}", "{{ }}", "{{ x", "x }}", "{{ {{ v }} }}",
            "{{ 1/0 }}", "{{ 1 % 0 }}", "{{ undefined_variable }}", "{{ intro_end }}", "{{ ghost_start + 1 }}",
            "{{ intro_end + intro_start }}", "{{ v }}", "{{ v }} and {{ v }}", "{{ v.w.x }}", "{{ v[99] }}",
            "{{ ''.getClass() }}", "{{ ''.getClass().forName('java.lang.Runtime') }}", "{{ T(java.lang.System).exit(0) }}",
            "{{ java.lang.Runtime.getRuntime().exec('id') }}", "{{ new('java.io.File', '/') }}", "{{ __proto__ }}",
            "{{ constructor.constructor('x')() }}", "{{ import('x') }}", "{{ eval('1') }}", "{{ ${1} }}",
            "{{ 1e308 * 10 }}", "{{ 9223372036854775807 + 1 }}", "{{ -9223372036854775807 - 2 }}",
            "{{ 99999999999999999999 * 99999999999999999999 }}", "{{ 'a' * 3 }}", "{{ round(1.5, 99) }}",
            "{{ min() }}", "{{ len(5) }}", "{{ upper() }}", "{{ item }}", "{{ index }}", "{{ count }}",
            "{{ size }}", "{{ empty }}", "{{ null }}", "{{ true }}", "{{ -1 }}", "{{ -2 }}", "{{ 0.5 }}",
            "{{ '" + "y".repeat(1999) + "' }}", "{{ " + "(".repeat(40) + "1" + ")".repeat(40) + " }}",
            "{{ " + "(".repeat(31) + "1" + ")".repeat(31) + " }}", "{{ " + "1 + ".repeat(600) + "1 }}",
            "{{ 'x' + 'x' }}".repeat(200), "{{ v + v + v + v + v + v + v + v }}", "{{ `x` }}", "{{ 1 =~ 2 }}",
            "{{ x = 1 }}", "{{ [1, 2] }}", "{{ {'a': 1} }}", "{{ 1..9999999 }}", "{{ \"\\u0000\" }}",
            "{{ '\uD800' }}", "{{ 'مرحبا' + '🎬' }}", "{{ abs(-9223372036854775807 - 1) }}", "{{ round(1e308) }}",
            "{{ ceil(-1e308) }}", "{{ max(1e308, '1e999') }}", "{{ len(v) }}", "{{ v ? v : v }}", "{{ not v }}");

    private Hostile() {
    }

    public static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** A random string of odd characters: surrogates (paired or not), controls, RTL marks, CJK. */
    public static String oddText(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(switch (r.nextInt(6)) {
                case 0 -> (char) (0xD800 + r.nextInt(0x800));
                case 1 -> (char) r.nextInt(0x20);
                case 2 -> "\u202E\u202D\u200F\u200B".charAt(r.nextInt(4));
                case 3 -> (char) (0x4E00 + r.nextInt(0x5000));
                case 4 -> "{}[]\"'\\$#@`:.,".charAt(r.nextInt(14));
                default -> (char) ('a' + r.nextInt(26));
            });
        }
        return sb.toString();
    }
}
