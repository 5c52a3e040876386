package dev.moviola.plan;

import dev.moviola.movie.Color;
import dev.moviola.movie.Position;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.movie.SubtitleSettings.CaptionPlacement;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import java.util.List;
import java.util.Locale;

/**
 * Captions as an ASS (Advanced SubStation Alpha) file for users to keep or load in a player: the frame size as the
 * script's resolution, one style from the settings and one {@code Dialogue} per cue, its words in karaoke tags
 * ({@code \kf}) so players sweep the highlight over each word as it is said. Karaoke colours words from the secondary
 * colour ({@code line-color}) to the primary ({@code word-color}) and leaves them so; the per-style effects of the
 * drawn captions (words appearing one by one, one word at a time, a box behind the current word) have no ASS
 * equivalent in one line per cue and are not reproduced, except {@code boxed-line}'s box (border style 3).
 */
public final class AssExport {
    /**
     * ASS sizes a font by its line height (the font's Windows ascent + descent), CSS by its em square: for Inter, the
     * default font, the line height is 1.21 em. Other fonts differ a little.
     */
    static final double CELL_PER_EM = 1.21;
    static final String STYLE = "Caption";

    private AssExport() {
    }

    /** The ASS file of these captions for a frame of {@code width × height}, in the settings' font family (or Inter). */
    public static String write(Captions captions, int width, int height) {
        return write(captions, width, height, null);
    }

    /** @param fontName the font's family name as players should look it up (e.g. a {@code font-url} face's), or null */
    public static String write(Captions captions, int width, int height, String fontName) {
        SubtitleSettings s = captions.settings();
        StringBuilder out = new StringBuilder();
        out.append("[Script Info]\n")
                .append("; Captions written by Moviola\n")
                .append("Title: Captions\n")
                .append("ScriptType: v4.00+\n")
                .append("WrapStyle: 0\n")
                .append("ScaledBorderAndShadow: yes\n")
                .append("YCbCr Matrix: None\n")
                .append("PlayResX: ").append(width).append('\n')
                .append("PlayResY: ").append(height).append("\n\n");
        out.append("[V4+ Styles]\n")
                .append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                        + "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
                        + "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n")
                .append(style(captions, width, height, fontName)).append("\n\n");
        out.append("[Events]\n")
                .append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        for (Cue c : captions.cues()) {
            long start = centis(c.start());
            long end = Math.max(start, centis(c.end()));
            out.append("Dialogue: 0,").append(time(start)).append(',').append(time(end)).append(',').append(STYLE)
                    .append(",,0,0,0,,").append(karaoke(c, start, s.allCaps())).append('\n');
        }
        return out.toString();
    }

    private static String style(Captions captions, int width, int height, String fontName) {
        SubtitleSettings s = captions.settings();
        double size = CaptionLook.fontPixels(s, width, height);
        boolean boxed = s.style() == CaptionStyle.BOXED_LINE;
        String font = fontName != null ? fontName : s.fontFamily() != null ? s.fontFamily() : "Inter";
        CaptionPlacement p = s.placement();
        int marginX = (int) Math.round(width * Position.MARGIN);
        int marginY = (int) Math.round(height * Position.MARGIN);
        int alignment;
        int marginL = marginX;
        int marginR = marginX;
        int marginV;
        if (p.custom()) {
            // Top-left of the block at x, y: aligned top-left, pushed in by the margins.
            alignment = 7;
            marginL = p.x();
            marginV = p.y();
        } else {
            int column = p.horizontal() < 0.25 ? 1 : p.horizontal() > 0.75 ? 3 : 2;
            // ASS has top, middle and bottom rows only; the mid-… presets keep to the nearer edge and move off it as
            // far as the drawn captions do (estimating the block as one line of text).
            double free = height - 2.0 * marginY - size * CELL_PER_EM;
            if (Math.abs(p.vertical() - 0.5) < 1e-9) {
                alignment = 3 + column;
                marginV = 0;
            } else if (p.vertical() < 0.5) {
                alignment = 6 + column;
                marginV = (int) Math.round(marginY + p.vertical() * free);
            } else {
                alignment = column;
                marginV = (int) Math.round(marginY + (1 - p.vertical()) * free);
            }
        }
        String fields = String.join(",", List.of(STYLE, font.replace(',', ' '),
                Long.toString(Math.round(size * CELL_PER_EM)),
                colour(s.wordColor()), colour(s.lineColor()), colour(boxed ? s.boxColor() : s.outlineColor()),
                colour(s.shadowColor()), captions.font() == null ? "-1" : "0", "0", "0", "0", "100", "100", "0", "0",
                boxed ? "3" : "1",
                number(boxed ? size * CaptionLook.BOX_PADDING_EM : Math.max(0, s.outlineWidth())),
                number(Math.max(0, s.shadowOffset())), Integer.toString(alignment), Integer.toString(marginL),
                Integer.toString(marginR), Integer.toString(Math.max(0, marginV)), "1"));
        return "Style: " + fields;
    }

    /**
     * The cue's words, each after a {@code \kf} tag of its length in centiseconds; a silence before a word is an empty
     * {@code \k} syllable, so each word's highlight starts when it is said.
     */
    static String karaoke(Cue c, long start, boolean allCaps) {
        StringBuilder text = new StringBuilder();
        long at = 0; // centiseconds after the line's start, as written so far
        for (int i = 0; i < c.words().size(); i++) {
            CaptionWord w = c.words().get(i);
            long from = Math.max(0, centis(w.start()) - start);
            long to = Math.max(from, centis(w.end()) - start);
            if (from > at) {
                text.append("{\\k").append(from - at).append('}');
                at = from;
            }
            text.append("{\\kf").append(Math.max(0, to - at)).append('}')
                    .append(escape(allCaps ? w.text().toUpperCase(Locale.ROOT) : w.text()));
            if (i + 1 < c.words().size()) {
                text.append(' ');
            }
            at = Math.max(at, to);
        }
        return text.toString();
    }

    /**
     * Text that ASS would read as markup, made literal: braces (no escape exists in every player) become parentheses;
     * a backslash is followed by an invisible word joiner so {@code \N} in a word is not a line break.
     */
    static String escape(String word) {
        return word.replace('{', '(').replace('}', ')').replace("\\", "\\\u2060");
    }

    /** {@code &HAABBGGRR}: ASS writes blue first and alpha as transparency (00 opaque). */
    static String colour(Color c) {
        return String.format(Locale.ROOT, "&H%02X%02X%02X%02X", 255 - c.alpha(), c.blue(), c.green(), c.red());
    }

    private static long centis(double seconds) {
        return Math.round(seconds * 100);
    }

    /** {@code H:MM:SS.cc} */
    static String time(long centis) {
        long c = Math.max(0, centis);
        return String.format(Locale.ROOT, "%d:%02d:%02d.%02d", c / 360000, c / 6000 % 60, c / 100 % 60, c % 100);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
