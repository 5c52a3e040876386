package dev.moviola.movie;

/**
 * What a visual element's picture goes through besides its placement: a Ken Burns zoom and pan over its time,
 * a rotation, a chroma key, a colour correction. Null parts are absent.
 *
 * @param zoom       strength of a zoom over the element's time: positive zooms in, negative out (-10..10)
 * @param pan        a pan over the element's time, or null
 * @param rotate     a turn (a fixed angle and/or a speed), or null
 * @param chromaKey  a colour made transparent, or null
 * @param correction brightness, contrast, gamma, saturation, or null
 * @param mask       a picture (URL or path, as the document wrote it; a source key in a plan) whose transparency, or
 *                   else whose brightness, becomes the element's: white (or opaque) shows, black (or transparent)
 *                   hides; null for none
 */
public record Effects(double zoom, Pan pan, Rotation rotate, ChromaKey chromaKey, Correction correction, String mask) {

    public static final Effects NONE = new Effects(0, null, null, null, null, null);

    /** The same effects with the mask's source renamed (a plan names sources by content). */
    public Effects withMask(java.util.function.UnaryOperator<String> rename) {
        return mask == null ? this : new Effects(zoom, pan, rotate, chromaKey, correction, rename.apply(mask));
    }

    /** Whether the picture changes from frame to frame because of these effects (zoom, pan, a turning rotation). */
    public boolean moves() {
        return zoom != 0 || pan != null || (rotate != null && rotate.speed() != 0);
    }

    /** Where a pan travels: the view moves that way over the picture. */
    public enum Direction {
        LEFT(-1, 0), RIGHT(1, 0), TOP(0, -1), BOTTOM(0, 1), TOP_LEFT(-1, -1), TOP_RIGHT(1, -1), BOTTOM_LEFT(-1, 1),
        BOTTOM_RIGHT(1, 1);

        public final int dx;
        public final int dy;

        Direction(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }
    }

    /**
     * @param distance fraction of the box the view travels (0.01-0.5)
     * @param crop     true: the picture is enlarged so that the box never shows past its edges; false: the picture
     *                 itself moves and what it uncovers shows through
     */
    public record Pan(Direction direction, double distance, boolean crop) {
    }

    /** A turn about the box's centre: {@code angle} degrees clockwise at the start, plus {@code speed} degrees a second. */
    public record Rotation(double angle, double speed) {
    }

    /** @param tolerance 1 keeps all but the colour itself; 100 removes everything */
    public record ChromaKey(Color color, double tolerance) {
    }

    /** ffmpeg's eq: brightness -1..1 (0), contrast 0..2 (1), gamma 0.1..10 (1), saturation 0..3 (1). */
    public record Correction(double brightness, double contrast, double gamma, double saturation) {
    }
}
