package dev.moviola.movie;

/**
 * How a media source (video or audio) is played.
 *
 * @param seek   seconds skipped at the start of the source
 * @param loop   number of plays (1 = once), or {@link #FOREVER} to repeat until the element ends
 * @param volume linear gain, 1 = unchanged
 */
public record Playback(double seek, int loop, double volume, boolean muted) {
    public static final int FOREVER = -1;

    public boolean loopsForever() {
        return loop == FOREVER;
    }

    /**
     * Seconds it plays from a source of this length: what remains after the seek, times the plays; infinite when
     * it loops forever; NaN when the source has no length.
     */
    public double lengthOf(double source) {
        if (!(source > 0)) {
            return Double.NaN;
        }
        if (loopsForever()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, source - seek) * loop;
    }

    /** Linear gain actually applied: 0 when muted. */
    public double gain() {
        return muted ? 0 : volume;
    }
}
