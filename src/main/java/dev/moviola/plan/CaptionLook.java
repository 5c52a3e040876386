package dev.moviola.plan;

import dev.moviola.movie.SubtitleSettings;

/**
 * The choices about how captions look that the movie format leaves open, in one place so the drawn captions and the
 * exported ASS file agree (and the documentation can quote them).
 */
public final class CaptionLook {
    /** Captions are drawn in this CSS weight from a family (bold reads best over moving pictures). */
    public static final int WEIGHT = 700;
    /** A {@code font-url} file is used as it is (weight 400: no synthetic bold over a face that may already be heavy). */
    public static final int FONT_FILE_WEIGHT = 400;
    /** Space between the words and the edge of a box (boxed styles), in em. */
    public static final double BOX_PADDING_EM = 0.25;
    /** Radius of a box's rounded corners, in em. */
    public static final double BOX_RADIUS_EM = 0.2;
    /**
     * A word stays highlighted through a silence shorter than this (seconds) until the next word starts, so the
     * highlight does not blink off for a frame or two between words.
     */
    public static final double BRIDGE = 0.25;
    /** Pixels of one em for {@code em} font sizes (a browser's root font size). */
    public static final double ROOT_EM = 16;

    private CaptionLook() {
    }

    /** The font size in pixels of a frame: vw/vh against the frame, {@code %} of its height, em of 16 px. */
    public static double fontPixels(SubtitleSettings s, int width, int height) {
        return Math.max(1, s.fontSize().toPixels(width, height, ROOT_EM, height, 1));
    }
}
