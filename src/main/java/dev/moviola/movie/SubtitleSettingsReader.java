package dev.moviola.movie;

import dev.moviola.movie.SubtitleSettings.CaptionPlacement;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a subtitles element's {@code settings}. Real documents write sizes as numbers or CSS lengths, colours under
 * several names ({@code line-color}, {@code font-color}, {@code color}), and {@code outline-width: -1} for "none":
 * all are accepted. Defaults where JSON2Video's are not known are documented in docs/format.md#subtitles.
 */
final class SubtitleSettingsReader {
    private static final Map<String, CaptionStyle> STYLES = styles();
    private static final Map<String, double[]> PLACES = places();

    private static Map<String, CaptionStyle> styles() {
        Map<String, CaptionStyle> m = new LinkedHashMap<>();
        for (CaptionStyle s : CaptionStyle.values()) {
            m.put(s.word(), s);
        }
        return m;
    }

    /** The presets: horizontal and vertical fractions between the margins, as for visual elements, and the mid-rows. */
    private static Map<String, double[]> places() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (Position p : Position.values()) {
            if (p.isPreset()) {
                m.put(p.word(), new double[] {p.horizontal, p.vertical});
            }
        }
        m.put("mid-top-center", new double[] {0.5, 0.25});
        m.put("mid-bottom-center", new double[] {0.5, 0.75});
        m.put("custom", new double[] {0, 0});
        return m;
    }

    /**
     * @param element the subtitles element itself: {@code position}, {@code x} and {@code y} written beside
     *                {@code settings} (as some real documents do) are read when the settings have none
     */
    SubtitleSettings read(Fields s, Fields element) {
        CaptionStyle style = s.choice("style", CaptionStyle.CLASSIC, STYLES);
        String family = s.text("font-family").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String fontUrl = s.text("font-url").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        CssLength fontSize = TextSettingsReader.length(s, "font-size", false).orElse(SubtitleSettings.DEFAULT_FONT_SIZE);
        if (fontSize.value() <= 0) {
            s.error("font-size", "must be greater than 0");
            fontSize = SubtitleSettings.DEFAULT_FONT_SIZE;
        }
        int words = s.integer("max-words-per-line", 4, 1, 50);
        CaptionPlacement placement = placement(s, element);
        Color line = firstColor(s, "line-color", "font-color", "color").orElse(Color.WHITE);
        Color word = s.color("word-color").orElse(line);
        boolean boxed = style == CaptionStyle.BOXED_LINE || style == CaptionStyle.BOXED_WORD;
        Color box = s.color("box-color").orElse(boxed ? Color.BLACK : Color.TRANSPARENT);
        Color outline = s.color("outline-color").orElse(Color.BLACK);
        double outlineWidth = s.number("outline-width", -1, d -> d >= -1, "a width in pixels ≥ 0 (-1: none)");
        Color shadow = s.color("shadow-color").orElse(Color.BLACK);
        double shadowOffset = s.number("shadow-offset", 0, d -> d >= 0, "an offset in pixels ≥ 0");
        boolean caps = s.bool("all-caps", false);
        return new SubtitleSettings(style, family, fontUrl, fontSize, words, placement, line, word, box, outline,
                Math.max(0, outlineWidth), shadow, shadowOffset, caps);
    }

    private static Optional<Color> firstColor(Fields s, String... keys) {
        Optional<Color> found = Optional.empty();
        for (String k : keys) {
            Optional<Color> c = s.color(k);
            if (found.isEmpty()) {
                found = c;
            }
        }
        return found;
    }

    private static CaptionPlacement placement(Fields s, Fields element) {
        Optional<String> own = s.text("position");
        Optional<String> outer = element.text("position");
        Fields from = own.isPresent() || outer.isEmpty() ? s : element;
        String word = own.or(() -> outer).map(String::trim).orElse("bottom-center");
        double[] at = PLACES.get(word);
        if (at == null) {
            String close = Suggest.closest(word, PLACES.keySet()).map(c -> "did you mean \"" + c + "\"? ").orElse("");
            from.error("position", Fields.quote(word) + " is not a caption position; " + close + "use one of: "
                    + String.join(", ", PLACES.keySet()));
            word = "bottom-center";
            at = PLACES.get(word);
        }
        double x = s.number("x").orElse(element.number("x").orElse(0));
        double y = s.number("y").orElse(element.number("y").orElse(0));
        return new CaptionPlacement(word, at[0], at[1], word.equals("custom"), (int) Math.round(x), (int) Math.round(y));
    }
}
