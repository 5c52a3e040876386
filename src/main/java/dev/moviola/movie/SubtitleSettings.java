package dev.moviola.movie;

/**
 * How captions look (the {@code settings} of a {@code subtitles} element). Sizes are in pixels of the output
 * frame once known, or as the document gave them ({@link CssLength}).
 *
 * @param style           how words show while spoken
 * @param fontFamily      a family found like a text's, or null for the default font
 * @param fontUrl         a TTF/OTF to load, or null
 * @param fontSize        default 7 % of the frame height
 * @param maxWordsPerLine at most this many words a line (a caption shows one line)
 * @param placement       where the caption block sits
 * @param lineColor       the words' colour ({@code line-color}, {@code font-color}, {@code color})
 * @param wordColor       the colour of the word being spoken; equal to {@code lineColor}: no highlight
 * @param boxColor        the box of the boxed styles
 * @param outlineColor    the outline around the letters
 * @param outlineWidth    in px; 0 for none
 * @param shadowColor     the shadow's colour
 * @param shadowOffset    in px, down and right; 0 for none
 * @param allCaps         words shown in capitals
 */
public record SubtitleSettings(CaptionStyle style, String fontFamily, String fontUrl, CssLength fontSize,
        int maxWordsPerLine, CaptionPlacement placement, Color lineColor, Color wordColor, Color boxColor,
        Color outlineColor, double outlineWidth, Color shadowColor, double shadowOffset, boolean allCaps) {

    /** The default size: 7 % of the frame's height. */
    public static final CssLength DEFAULT_FONT_SIZE = new CssLength(7, CssLength.Unit.VH);

    /** How the words of a caption show while they are spoken. */
    public enum CaptionStyle {
        /** The line, the spoken word in {@code word-color}. */
        CLASSIC,
        /** Words appear as they are spoken. */
        CLASSIC_PROGRESSIVE,
        /** One word at a time. */
        CLASSIC_ONE_WORD,
        /** The line on a box. */
        BOXED_LINE,
        /** The line, with a box behind the word being spoken. */
        BOXED_WORD;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Where the caption block sits: a preset's anchor (fractions of the frame between its 5 % margins, as for visual
     * elements; {@code mid-top-center} and {@code mid-bottom-center} halfway between the centre and an edge), or,
     * for {@code custom}, the block's top-left corner in pixels.
     */
    public record CaptionPlacement(String word, double horizontal, double vertical, boolean custom, int x, int y) {
    }

    public SubtitleSettings withFontUrl(String url) {
        return new SubtitleSettings(style, fontFamily, url, fontSize, maxWordsPerLine, placement, lineColor, wordColor,
                boxColor, outlineColor, outlineWidth, shadowColor, shadowOffset, allCaps);
    }
}
