package dev.moviola.movie;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * An easing curve by the names JSON2Video's styles and components use, which are anime.js v3's: progress 0-1 in,
 * eased progress out (may overshoot 0-1 for Elastic and Back-like curves).
 *
 * <p>anime.js's formulas differ from the usual Penner set and are reproduced exactly: the "easeIn" bases are
 * {@code Quad..Expo = t^2..t^6} (so Expo is t⁶, not 2^(10(t−1))), {@code Sine = 1−cos(tπ/2)}, {@code Circ =
 * 1−√(1−t²)}, {@code Back = t²(3t−2)}, {@code Elastic(a=1, p=.5)} and {@code Bounce}; {@code easeOut X(t) = 1 −
 * easeIn X(1−t)}, {@code easeInOut} and {@code easeOutIn} mirror them. Also {@code linear}, {@code steps(n)},
 * {@code cubicBezier(x1,y1,x2,y2)} and the CSS names {@code ease}, {@code ease-in}, {@code ease-out},
 * {@code ease-in-out}, {@code cubic-bezier(…)}.
 */
public final class Easing {
    /** anime.js's default when an animation names none. */
    public static final String DEFAULT = "easeOutElastic(1, .5)";

    private static final List<String> BASES = List.of("Quad", "Cubic", "Quart", "Quint", "Expo", "Sine", "Circ",
            "Back", "Bounce", "Elastic");
    private static final List<String> KINDS = List.of("easeIn", "easeOut", "easeInOut", "easeOutIn");

    private final String name;
    private final DoubleUnaryOperator curve;

    private Easing(String name, DoubleUnaryOperator curve) {
        this.name = name;
        this.curve = curve;
    }

    public static final Easing LINEAR = new Easing("linear", t -> t);

    /** The eased progress at {@code t}, which is clamped to 0-1 first. */
    public double at(double t) {
        double c = Math.max(0, Math.min(1, t));
        return c == 0 || c == 1 ? c : curve.applyAsDouble(c);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Every name accepted, for error messages. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(List.of("linear"));
        for (String k : KINDS) {
            for (String b : BASES) {
                all.add(k + b);
            }
        }
        all.addAll(List.of("steps(n)", "cubicBezier(x1, y1, x2, y2)", "ease", "ease-in", "ease-out", "ease-in-out"));
        return all;
    }

    /** The easing a name stands for (case and spaces are free), or empty when it names none. */
    public static Optional<Easing> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        String head = s.contains("(") ? s.substring(0, s.indexOf('(')).trim() : s;
        double[] args;
        if (s.contains("(")) {
            if (!s.endsWith(")")) {
                return Optional.empty();
            }
            args = numbers(s.substring(s.indexOf('(') + 1, s.length() - 1));
            if (args == null) {
                return Optional.empty();
            }
        } else {
            args = new double[0];
        }
        String h = head.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (h) {
            case "linear":
                return args.length == 0 ? Optional.of(LINEAR) : Optional.empty();
            case "ease":
                return bezier(s, 0.25, 0.1, 0.25, 1, args);
            case "easein":
                return bezier(s, 0.42, 0, 1, 1, args);
            case "easeout":
                return bezier(s, 0, 0, 0.58, 1, args);
            case "easeinout":
                return bezier(s, 0.42, 0, 0.58, 1, args);
            case "cubicbezier":
                if (args.length != 4 || args[0] < 0 || args[0] > 1 || args[2] < 0 || args[2] > 1) {
                    return Optional.empty();
                }
                return Optional.of(new Easing(s, cubicBezier(args[0], args[1], args[2], args[3])));
            case "steps":
                if (args.length != 1 || args[0] < 1 || args[0] != Math.rint(args[0])) {
                    return Optional.empty();
                }
                int n = (int) args[0];
                return Optional.of(new Easing(s, t -> Math.ceil(Math.max(1e-6, Math.min(1, t)) * n) / n));
            default:
                break;
        }
        for (String kind : KINDS) {
            for (String base : BASES) {
                if (h.equals((kind + base).toLowerCase(Locale.ROOT))) {
                    if (args.length > 2 || (args.length > 0 && !base.equals("Elastic"))) {
                        return Optional.empty();
                    }
                    DoubleUnaryOperator in = easeIn(base, args);
                    return Optional.of(new Easing(kind + base + (args.length > 0 ? s.substring(s.indexOf('(')) : ""),
                            shaped(kind, in)));
                }
            }
        }
        return Optional.empty();
    }

    /** The easing for a name known to be valid (the built-in styles' and components'). */
    public static Easing of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an easing: " + text));
    }

    private static Optional<Easing> bezier(String s, double x1, double y1, double x2, double y2, double[] args) {
        return args.length == 0 ? Optional.of(new Easing(s, cubicBezier(x1, y1, x2, y2))) : Optional.empty();
    }

    private static DoubleUnaryOperator shaped(String kind, DoubleUnaryOperator in) {
        return switch (kind) {
            case "easeIn" -> in;
            case "easeOut" -> t -> 1 - in.applyAsDouble(1 - t);
            case "easeInOut" -> t -> t < 0.5 ? in.applyAsDouble(t * 2) / 2 : 1 - in.applyAsDouble(t * -2 + 2) / 2;
            default -> t -> t < 0.5 ? (1 - in.applyAsDouble(1 - t * 2)) / 2 : (in.applyAsDouble(t * 2 - 1) + 1) / 2;
        };
    }

    private static DoubleUnaryOperator easeIn(String base, double[] args) {
        return switch (base) {
            case "Quad" -> t -> t * t;
            case "Cubic" -> t -> t * t * t;
            case "Quart" -> t -> Math.pow(t, 4);
            case "Quint" -> t -> Math.pow(t, 5);
            case "Expo" -> t -> Math.pow(t, 6);
            case "Sine" -> t -> 1 - Math.cos(t * Math.PI / 2);
            case "Circ" -> t -> 1 - Math.sqrt(1 - t * t);
            case "Back" -> t -> t * t * (3 * t - 2);
            case "Bounce" -> Easing::bounceIn;
            default -> elastic(args.length > 0 ? args[0] : 1, args.length > 1 ? args[1] : 0.5);
        };
    }

    private static double bounceIn(double t) {
        double pow2;
        int b = 4;
        while (t < ((pow2 = Math.pow(2, --b)) - 1) / 11) {
            // anime.js: find the bounce this time falls in
        }
        return 1 / Math.pow(4, 3 - b) - 7.5625 * Math.pow((pow2 * 3 - 2) / 22 - t, 2);
    }

    private static DoubleUnaryOperator elastic(double amplitude, double period) {
        double a = Math.max(1, Math.min(10, amplitude));
        double p = Math.max(0.1, Math.min(2, period));
        return t -> t == 0 || t == 1 ? t
                : -a * Math.pow(2, 10 * (t - 1)) * Math.sin(((t - 1) - p / (Math.PI * 2) * Math.asin(1 / a))
                        * (Math.PI * 2) / p);
    }

    /** CSS cubic-bezier: x(s) solved for s by Newton steps, then bisection; y(s) returned. */
    private static DoubleUnaryOperator cubicBezier(double x1, double y1, double x2, double y2) {
        return x -> {
            double lo = 0;
            double hi = 1;
            double s = x;
            for (int i = 0; i < 8; i++) {
                double err = bez(s, x1, x2) - x;
                if (Math.abs(err) < 1e-7) {
                    return bez(s, y1, y2);
                }
                double d = 3 * (1 - s) * (1 - s) * x1 + 6 * (1 - s) * s * (x2 - x1) + 3 * s * s * (1 - x2);
                if (Math.abs(d) < 1e-6) {
                    break;
                }
                s -= err / d;
            }
            s = x;
            for (int i = 0; i < 60; i++) {
                double v = bez(s, x1, x2);
                if (Math.abs(v - x) < 1e-7) {
                    break;
                }
                if (v < x) {
                    lo = s;
                } else {
                    hi = s;
                }
                s = (lo + hi) / 2;
            }
            return bez(s, y1, y2);
        };
    }

    private static double bez(double s, double p1, double p2) {
        double u = 1 - s;
        return 3 * u * u * s * p1 + 3 * u * s * s * p2 + s * s * s;
    }

    private static double[] numbers(String list) {
        if (list.isBlank()) {
            return new double[0];
        }
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(out[i])) {
                return null;
            }
        }
        return out;
    }
}
