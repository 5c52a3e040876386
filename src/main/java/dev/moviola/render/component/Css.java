package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Color;
import dev.moviola.movie.CssLength;
import java.util.Locale;
import java.util.Optional;

/**
 * A component's settings group read as CSS values: lengths in px, vw, vh, % and em, where vw and vh are hundredths
 * of the element's box (the viewport JSON2Video's browser draws the component in), colours and shadows.
 */
record Css(JsonNode group, int boxWidth, int boxHeight, Css parent) {
    /** What a text group takes from the card around it when it does not say, as CSS inherits. */
    static final java.util.Set<String> INHERITED = java.util.Set.of("color", "font-family", "font-weight", "text-align",
            "line-height", "text-transform", "text-shadow");

    Css(JsonNode group, int boxWidth, int boxHeight) {
        this(group, boxWidth, boxHeight, null);
    }

    String text(String key, String fallback) {
        JsonNode v = group == null ? null : group.get(key);
        if ((v == null || v.isNull()) && parent != null && INHERITED.contains(key)) {
            return parent.text(key, fallback);
        }
        return v == null || v.isNull() || v.isContainerNode() ? fallback : v.asText();
    }

    boolean has(String key) {
        JsonNode v = group == null ? null : group.get(key);
        if ((v == null || v.isNull()) && parent != null && INHERITED.contains(key)) {
            return parent.has(key);
        }
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank());
    }

    /** A length in px; {@code percentOf}: what 100 % is; {@code em}: the font size. */
    double length(String key, double fallback, double percentOf, double em) {
        return lengthOf(text(key, null), fallback, percentOf, em);
    }

    double lengthOf(String value, double fallback, double percentOf, double em) {
        if (value == null || value.isBlank() || value.trim().equals("auto")) {
            return fallback;
        }
        return CssLength.parse(value.trim()).map(l -> l.toPixels(boxWidth, boxHeight, em, percentOf, 1)).orElse(fallback);
    }

    double number(String key, double fallback) {
        String t = text(key, null);
        if (t == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(t.trim().replaceAll("(ms|s|deg|%)$", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    java.awt.Color color(String key, java.awt.Color fallback) {
        return colorOf(text(key, null), fallback);
    }

    static java.awt.Color colorOf(String v, java.awt.Color fallback) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return Color.parse(v.trim()).map(Color::toAwt).orElse(fallback);
    }

    /** The {@code background} or {@code background-color}'s colour (a gradient or picture: its first colour). */
    java.awt.Color background(java.awt.Color fallback) {
        String v = has("background-color") ? text("background-color", null) : text("background", null);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        java.awt.Color c = colorOf(v, null);
        if (c != null) {
            return c;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(#[0-9a-fA-F]{3,8}|rgba?\\([^)]*\\)|\\b[a-z]+\\b)")
                .matcher(v);
        while (m.find()) {
            java.awt.Color first = colorOf(m.group(1), null);
            if (first != null) {
                return first;
            }
        }
        return fallback;
    }

    /** {@code padding} (1–4 values) with {@code padding-top} … overriding it: top, right, bottom, left in px. */
    double[] box(String prefix, double em) {
        double[] out = new double[4];
        String all = text(prefix, null);
        if (all != null) {
            String[] p = all.trim().split("\\s+");
            int[][] map = {{0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}};
            int n = Math.min(4, p.length);
            for (int i = 0; i < 4; i++) {
                out[i] = lengthOf(p[map[n - 1][i]], 0, i % 2 == 0 ? boxHeight : boxWidth, em);
            }
        }
        String[] sides = {"top", "right", "bottom", "left"};
        for (int i = 0; i < 4; i++) {
            out[i] = length(prefix + "-" + sides[i], out[i], i % 2 == 0 ? boxHeight : boxWidth, em);
        }
        return out;
    }

    /** A shadow: {@code x y [blur] colour}, or null. */
    record Shadow(double x, double y, double blur, java.awt.Color color) {
    }

    Optional<Shadow> shadow(String key, double em) {
        String v = text(key, null);
        if (v == null || v.isBlank() || v.trim().equals("none")) {
            return Optional.empty();
        }
        String[] p = v.trim().replaceAll(",\\s+", ",").split("\\s+");
        double[] n = new double[4];
        int count = 0;
        java.awt.Color c = new java.awt.Color(0, 0, 0, 128);
        for (String s : p) {
            Optional<CssLength> l = CssLength.parse(s);
            if (l.isPresent() && count < 4) {
                n[count++] = l.get().toPixels(boxWidth, boxHeight, em, boxWidth, 1);
            } else {
                c = colorOf(s, c);
            }
        }
        return count < 2 ? Optional.empty() : Optional.of(new Shadow(n[0], n[1], n[2], c));
    }

    /** {@code border: 4vw solid #000}: its width in px and colour, or null. */
    Shadow border(String key, double em) {
        String v = text(key, null);
        if (v == null || v.isBlank() || v.trim().equals("none")) {
            return null;
        }
        double w = 0;
        java.awt.Color c = java.awt.Color.BLACK;
        for (String s : v.trim().split("\\s+")) {
            Optional<CssLength> l = CssLength.parse(s);
            if (l.isPresent()) {
                w = l.get().toPixels(boxWidth, boxHeight, em, boxWidth, 1);
            } else if (!s.toLowerCase(Locale.ROOT).matches("solid|dashed|dotted|double")) {
                c = colorOf(s, c);
            }
        }
        return w <= 0 ? null : new Shadow(w, 0, 0, c);
    }
}
