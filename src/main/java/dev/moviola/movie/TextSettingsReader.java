package dev.moviola.movie;

import dev.moviola.movie.TextSettings.HorizontalAlign;
import dev.moviola.movie.TextSettings.TextAlign;
import dev.moviola.movie.TextSettings.TextShadow;
import dev.moviola.movie.TextSettings.TextTransform;
import dev.moviola.movie.TextSettings.VerticalAlign;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a text element's CSS-like {@code settings}. */
final class TextSettingsReader {

    TextSettings read(Fields s) {
        TextSettings d = TextSettings.DEFAULT;
        String family = s.text("font-family").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String fontUrl = s.text("font-url").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        CssLength fontSize = length(s, "font-size", false).orElse(d.fontSize());
        if (fontSize.value() <= 0) {
            s.error("font-size", "must be greater than 0");
            fontSize = d.fontSize();
        }
        int weight = fontWeight(s);
        Color color = colorSetting(s);
        Color background = s.color("background-color").orElse(d.backgroundColor());
        TextAlign align = s.choice("text-align", d.textAlign(), Fields.words("left", TextAlign.LEFT, "center",
                TextAlign.CENTER, "right", TextAlign.RIGHT, "justify", TextAlign.JUSTIFY));
        VerticalAlign vertical = aliased(s, "vertical-align", "vertical-position", d.verticalAlign(), Fields.words(
                "top", VerticalAlign.TOP, "center", VerticalAlign.CENTER, "middle", VerticalAlign.CENTER,
                "bottom", VerticalAlign.BOTTOM));
        HorizontalAlign horizontal = aliased(s, "horizontal-align", "horizontal-position", null, Fields.words(
                "left", HorizontalAlign.LEFT, "center", HorizontalAlign.CENTER, "middle", HorizontalAlign.CENTER,
                "right", HorizontalAlign.RIGHT));
        Color pill = s.color("pill-color").orElse(d.pillColor());
        CssLength lineHeight = length(s, "line-height", true).orElse(null);
        CssLength letterSpacing = length(s, "letter-spacing", true).orElse(CssLength.ZERO);
        List<TextShadow> shadows = shadows(s);
        TextTransform transform = s.choice("text-transform", TextTransform.NONE, Fields.words("none", TextTransform.NONE,
                "uppercase", TextTransform.UPPERCASE, "lowercase", TextTransform.LOWERCASE,
                "capitalize", TextTransform.CAPITALIZE));
        List<CssLength> padding = padding(s).orElse(d.padding());
        return new TextSettings(family, fontUrl, fontSize, weight, color, background, align, vertical, lineHeight,
                letterSpacing, shadows, transform, padding, horizontal, pill);
    }

    /**
     * A choice spelt two ways in real documents (JSON2Video's older and newer pages); when both are given and
     * differ, the first spelling wins with a warning.
     */
    private static <E> E aliased(Fields s, String key, String alias, E defaultValue, java.util.Map<String, E> words) {
        E a = s.choice(alias, null, words);
        E k = s.choice(key, null, words);
        if (a != null && k != null && a != k) {
            s.warning(alias, "both " + key + " and " + alias + " are set (they mean the same); " + key + " is used");
        }
        return k != null ? k : a != null ? a : defaultValue;
    }

    private static Color colorSetting(Fields s) {
        Optional<Color> fontColor = s.color("font-color");
        Optional<Color> color = s.color("color");
        if (fontColor.isPresent() && color.isPresent() && !fontColor.equals(color)) {
            s.warning("color", "both font-color and color are set; font-color is used");
        }
        return fontColor.or(() -> color).orElse(TextSettings.DEFAULT.color());
    }

    private static int fontWeight(Fields s) {
        Optional<String> v = s.text("font-weight");
        if (v.isEmpty()) {
            return 400;
        }
        String w = v.get().trim().toLowerCase(Locale.ROOT);
        switch (w) {
            case "normal":
                return 400;
            case "bold":
                return 700;
            default:
                break;
        }
        try {
            int n = (int) Double.parseDouble(w);
            if (n >= 100 && n <= 900) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        s.error("font-weight", "expected 100-900, \"normal\" or \"bold\", got " + Fields.quote(v.get()));
        return 400;
    }

    /** A length; "normal" (where allowed) is empty. */
    static Optional<CssLength> length(Fields s, String key, boolean normalAllowed) {
        Optional<String> v = s.text(key);
        if (v.isEmpty() || (normalAllowed && v.get().trim().equalsIgnoreCase("normal"))) {
            return Optional.empty();
        }
        Optional<CssLength> len = CssLength.parse(v.get());
        if (len.isEmpty()) {
            s.error(key, Fields.quote(v.get()) + " is not a size; use pixels (40 or \"40px\"), \"5vw\", \"3vh\" or \"1.5em\"");
        }
        return len;
    }

    private static Optional<List<CssLength>> padding(Fields s) {
        Optional<String> v = s.text("padding");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = v.get().trim().split("\\s+");
        List<CssLength> sides = new ArrayList<>();
        for (String p : parts) {
            Optional<CssLength> len = CssLength.parse(p);
            if (len.isEmpty() || len.get().value() < 0 || parts.length > 4) {
                s.error("padding", Fields.quote(v.get()) + " is not a padding; use one to four sizes such as \"20px\" or \"10px 20px\"");
                return Optional.empty();
            }
            sides.add(len.get());
        }
        // CSS shorthand: top, right, bottom, left with the usual repetition rules.
        CssLength top = sides.get(0);
        CssLength right = sides.size() > 1 ? sides.get(1) : top;
        CssLength bottom = sides.size() > 2 ? sides.get(2) : top;
        CssLength left = sides.size() > 3 ? sides.get(3) : right;
        return Optional.of(List.of(top, right, bottom, left));
    }

    private static List<TextShadow> shadows(Fields s) {
        Optional<String> v = s.text("text-shadow");
        if (v.isEmpty() || v.get().trim().equalsIgnoreCase("none") || v.get().isBlank()) {
            return List.of();
        }
        List<TextShadow> out = new ArrayList<>();
        for (String layer : splitTopLevel(v.get())) {
            Optional<TextShadow> shadow = shadow(layer.trim());
            if (shadow.isEmpty()) {
                s.error("text-shadow", Fields.quote(layer.trim()) + " is not a shadow; use CSS syntax such as "
                        + "\"2px 2px 4px rgba(0,0,0,0.6)\" (x, y, optional blur, optional colour)");
                return List.of();
            }
            out.add(shadow.get());
        }
        return out;
    }

    /** One CSS shadow layer: 2-3 lengths and an optional colour, in any order; no colour = the text colour. */
    private static Optional<TextShadow> shadow(String layer) {
        List<CssLength> lengths = new ArrayList<>();
        Color color = null;
        for (String token : splitSpaces(layer)) {
            Optional<CssLength> len = CssLength.parse(token);
            if (len.isPresent()) {
                lengths.add(len.get());
                continue;
            }
            Optional<Color> c = Color.parse(token);
            if (c.isEmpty() || color != null) {
                return Optional.empty();
            }
            color = c.get();
        }
        if (lengths.size() < 2 || lengths.size() > 3) {
            return Optional.empty();
        }
        CssLength blur = lengths.size() == 3 ? lengths.get(2) : CssLength.ZERO;
        return Optional.of(new TextShadow(lengths.get(0), lengths.get(1), blur, color));
    }

    /** Splits on commas outside parentheses ({@code rgba(0,0,0,1)} stays whole). */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> splitSpaces(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (Character.isWhitespace(c) && depth == 0) {
                if (cur.length() > 0) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            parts.add(cur.toString());
        }
        return parts;
    }
}
