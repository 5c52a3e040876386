package dev.moviola.movie;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An sRGB colour with straight (non-premultiplied) alpha, parsed from the CSS-like syntaxes the movie
 * format accepts: {@code #RGB}, {@code #RGBA}, {@code #RRGGBB}, {@code #RRGGBBAA}, {@code rgb()}/{@code rgba()}
 * (comma or space syntax, numbers or percentages), {@code hsl()}/{@code hsla()} and {@code hwb()} (hue in
 * degrees or with a {@code deg}, {@code rad}, {@code grad} or {@code turn} unit), CSS colour names and
 * {@code transparent}.
 */
public record Color(int red, int green, int blue, int alpha) {

    public static final Color BLACK = new Color(0, 0, 0, 255);
    public static final Color WHITE = new Color(255, 255, 255, 255);
    public static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private static final Pattern FUNCTION = Pattern.compile("(rgba?|hsla?|hwb)\\((.*)\\)");
    private static final String SYNTAXES =
            "use #RRGGBB, #RGB, #RRGGBBAA, rgba(r, g, b, a), hsl(h, s%, l%), a CSS colour name such as \"navy\", or \"transparent\"";

    public Color {
        if ((red | green | blue | alpha) >>> 8 != 0) {
            throw new IllegalArgumentException("colour components must be 0-255");
        }
    }

    /** The colour named by {@code text}, or empty when the text is not a colour. */
    public static Optional<Color> parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("#")) {
            return parseHex(s.substring(1));
        }
        Matcher m = FUNCTION.matcher(s);
        if (m.matches()) {
            return parseFunction(m.group(1), m.group(2));
        }
        if (s.equals("transparent")) {
            return Optional.of(TRANSPARENT);
        }
        return Optional.ofNullable(CssColorNames.get(s));
    }

    /** The fix hint used in validation messages. */
    public static String syntaxHint() {
        return SYNTAXES;
    }

    /** {@code 0xRRGGBBAA}, the form ffmpeg's colour parser reads. */
    public String toFfmpeg() {
        return String.format(Locale.ROOT, "0x%02X%02X%02X%02X", red, green, blue, alpha);
    }

    public java.awt.Color toAwt() {
        return new java.awt.Color(red, green, blue, alpha);
    }

    /** This colour drawn over opaque black (the output has no alpha channel). */
    public Color overBlack() {
        return new Color(red * alpha / 255, green * alpha / 255, blue * alpha / 255, 255);
    }

    @Override
    public String toString() {
        return alpha == 255 ? String.format(Locale.ROOT, "#%02X%02X%02X", red, green, blue)
                : String.format(Locale.ROOT, "#%02X%02X%02X%02X", red, green, blue, alpha);
    }

    private static Optional<Color> parseHex(String hex) {
        if (!hex.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        return switch (hex.length()) {
            case 3, 4 -> {
                int[] c = new int[4];
                c[3] = 255;
                for (int i = 0; i < hex.length(); i++) {
                    c[i] = Integer.parseInt(hex.substring(i, i + 1), 16) * 17;
                }
                yield Optional.of(new Color(c[0], c[1], c[2], c[3]));
            }
            case 6, 8 -> {
                long v = Long.parseLong(hex, 16);
                int a = hex.length() == 8 ? (int) (v & 0xFF) : 255;
                long rgb = hex.length() == 8 ? v >>> 8 : v;
                yield Optional.of(new Color((int) (rgb >> 16) & 0xFF, (int) (rgb >> 8) & 0xFF, (int) rgb & 0xFF, a));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<Color> parseFunction(String name, String args) {
        String[] parts;
        String alphaPart = null;
        if (args.contains(",")) {
            parts = args.split(",");
            if (parts.length == 4) {
                alphaPart = parts[3];
            }
        } else {
            String[] slash = args.split("/");
            if (slash.length > 2) {
                return Optional.empty();
            }
            parts = slash[0].trim().split("\\s+");
            if (slash.length == 2) {
                alphaPart = slash[1];
            }
        }
        int channels = alphaPart != null && parts.length == 4 ? 3 : parts.length;
        if (channels != 3) {
            return Optional.empty();
        }
        try {
            int a = alphaPart == null ? 255 : component(alphaPart.trim(), 1);
            if (name.startsWith("rgb")) {
                int[] rgb = new int[3];
                for (int i = 0; i < 3; i++) {
                    rgb[i] = component(parts[i].trim(), 255);
                }
                return Optional.of(new Color(rgb[0], rgb[1], rgb[2], a));
            }
            double hue = hue(parts[0].trim());
            double p1 = fraction(parts[1].trim());
            double p2 = fraction(parts[2].trim());
            double[] rgb = name.equals("hwb") ? hwbToRgb(hue, p1, p2) : hslToRgb(hue, p1, p2);
            return Optional.of(new Color(channel(rgb[0]), channel(rgb[1]), channel(rgb[2]), a));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A channel given as a number on {@code scale} or a percentage, clamped to 0-255. */
    private static int component(String s, int scale) {
        double v;
        if (s.endsWith("%")) {
            v = Double.parseDouble(s.substring(0, s.length() - 1)) / 100.0 * 255.0;
        } else {
            v = Double.parseDouble(s) * (255.0 / scale);
        }
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(s);
        }
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }

    /** A hue in degrees, from a bare number or one with a {@code deg}, {@code grad}, {@code rad} or {@code turn} unit. */
    private static double hue(String s) {
        double degrees;
        if (s.endsWith("deg")) {
            degrees = Double.parseDouble(s.substring(0, s.length() - 3));
        } else if (s.endsWith("grad")) {
            degrees = Double.parseDouble(s.substring(0, s.length() - 4)) * 0.9;
        } else if (s.endsWith("rad")) {
            degrees = Math.toDegrees(Double.parseDouble(s.substring(0, s.length() - 3)));
        } else if (s.endsWith("turn")) {
            degrees = Double.parseDouble(s.substring(0, s.length() - 4)) * 360.0;
        } else {
            degrees = Double.parseDouble(s);
        }
        if (!Double.isFinite(degrees)) {
            throw new NumberFormatException(s);
        }
        return ((degrees % 360.0) + 360.0) % 360.0;
    }

    /** Saturation, lightness, whiteness or blackness: a percentage (or, as CSS Color 4 allows, a bare 0-100), as 0-1. */
    private static double fraction(String s) {
        double v = Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1) : s) / 100.0;
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(s);
        }
        return Math.max(0, Math.min(1, v));
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255.0);
    }

    /** CSS Color 4's hsl-to-rgb. */
    private static double[] hslToRgb(double hue, double sat, double light) {
        double[] rgb = new double[3];
        int[] n = {0, 8, 4};
        for (int i = 0; i < 3; i++) {
            double k = (n[i] + hue / 30.0) % 12.0;
            double a = sat * Math.min(light, 1 - light);
            rgb[i] = light - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1));
        }
        return rgb;
    }

    /** CSS Color 4's hwb-to-rgb: the pure hue, mixed with white and black. */
    private static double[] hwbToRgb(double hue, double white, double black) {
        if (white + black >= 1) {
            double grey = white / (white + black);
            return new double[] {grey, grey, grey};
        }
        double[] rgb = hslToRgb(hue, 1, 0.5);
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] * (1 - white - black) + white;
        }
        return rgb;
    }
}
