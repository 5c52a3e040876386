package dev.moviola.plan;

import dev.moviola.movie.Color;
import dev.moviola.movie.CssLength;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.movie.SubtitleSettings.CaptionPlacement;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import java.util.ArrayList;
import java.util.List;

/** Caption settings and cues for tests, changed one property at a time. */
public final class CaptionSamples {
    public static final Color WHITE = Color.WHITE;
    public static final Color YELLOW = new Color(255, 255, 0, 255);
    public static final Color RED = new Color(255, 0, 0, 255);
    public static final Color GREEN = new Color(0, 255, 0, 255);
    public static final Color BLUE = new Color(0, 0, 255, 255);

    private CaptionSamples() {
    }

    public static CaptionPlacement placement(String word) {
        return switch (word) {
            case "top-center" -> new CaptionPlacement(word, 0.5, 0, false, 0, 0);
            case "mid-top-center" -> new CaptionPlacement(word, 0.5, 0.25, false, 0, 0);
            case "center-center" -> new CaptionPlacement(word, 0.5, 0.5, false, 0, 0);
            case "mid-bottom-center" -> new CaptionPlacement(word, 0.5, 0.75, false, 0, 0);
            case "bottom-center" -> new CaptionPlacement(word, 0.5, 1, false, 0, 0);
            case "bottom-left" -> new CaptionPlacement(word, 0, 1, false, 0, 0);
            default -> throw new IllegalArgumentException(word);
        };
    }

    public static CaptionPlacement custom(int x, int y) {
        return new CaptionPlacement("custom", 0, 0, true, x, y);
    }

    /** White words, yellow spoken word, red box, no outline, no shadow, 20 px, bottom-center. */
    public static SubtitleSettings settings(CaptionStyle style) {
        return new SubtitleSettings(style, null, null, new CssLength(20, CssLength.Unit.PX), 4,
                placement("bottom-center"), WHITE, YELLOW, RED, Color.BLACK, 0, Color.BLACK, 0, false);
    }

    public static SubtitleSettings with(SubtitleSettings s, CaptionPlacement p) {
        return new SubtitleSettings(s.style(), s.fontFamily(), s.fontUrl(), s.fontSize(), s.maxWordsPerLine(), p,
                s.lineColor(), s.wordColor(), s.boxColor(), s.outlineColor(), s.outlineWidth(), s.shadowColor(),
                s.shadowOffset(), s.allCaps());
    }

    public static SubtitleSettings colours(SubtitleSettings s, Color line, Color word, Color box) {
        return new SubtitleSettings(s.style(), s.fontFamily(), s.fontUrl(), s.fontSize(), s.maxWordsPerLine(),
                s.placement(), line, word, box, s.outlineColor(), s.outlineWidth(), s.shadowColor(), s.shadowOffset(),
                s.allCaps());
    }

    public static SubtitleSettings outline(SubtitleSettings s, Color c, double width) {
        return new SubtitleSettings(s.style(), s.fontFamily(), s.fontUrl(), s.fontSize(), s.maxWordsPerLine(),
                s.placement(), s.lineColor(), s.wordColor(), s.boxColor(), c, width, s.shadowColor(), s.shadowOffset(),
                s.allCaps());
    }

    public static SubtitleSettings shadow(SubtitleSettings s, Color c, double offset) {
        return new SubtitleSettings(s.style(), s.fontFamily(), s.fontUrl(), s.fontSize(), s.maxWordsPerLine(),
                s.placement(), s.lineColor(), s.wordColor(), s.boxColor(), s.outlineColor(), s.outlineWidth(), c, offset,
                s.allCaps());
    }

    public static SubtitleSettings allCaps(SubtitleSettings s) {
        return new SubtitleSettings(s.style(), s.fontFamily(), s.fontUrl(), s.fontSize(), s.maxWordsPerLine(),
                s.placement(), s.lineColor(), s.wordColor(), s.boxColor(), s.outlineColor(), s.outlineWidth(),
                s.shadowColor(), s.shadowOffset(), true);
    }

    /** A cue of these words, each said for {@code each} seconds back to back from {@code start}, shown until {@code end}. */
    public static Cue cue(double start, double each, double end, String... words) {
        List<CaptionWord> out = new ArrayList<>();
        double t = start;
        for (String w : words) {
            out.add(new CaptionWord(w, t, t + each));
            t += each;
        }
        return new Cue(start, end, out);
    }

    public static Captions captions(SubtitleSettings s, Cue... cues) {
        return new Captions(s, null, List.of(cues));
    }
}
