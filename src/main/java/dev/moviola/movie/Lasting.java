package dev.moviola.movie;

/**
 * An element whose content can have a length of its own (a video, a sound, an animated picture): with
 * {@code duration: -1} it lasts that long, and it counts toward a {@code -1} scene's length.
 */
public interface Lasting {

    /**
     * Seconds of content it has given its source: finite, {@link Double#POSITIVE_INFINITY} when it loops forever,
     * or NaN when this source gives it no length (a still picture).
     */
    double ownLength(MediaLength source);
}
