package dev.moviola.movie;

/**
 * A visual element drawn from its source's picture (an image, a video): placed in its box by {@code resize},
 * and played as {@link #picturePlayback()} says when the picture moves.
 */
public interface ShowsMedia {

    /** How the picture plays when it moves (a video, an animated GIF). */
    Playback picturePlayback();

    /** Whether a one-frame source is drawn once and held (a picture) rather than played as a video. */
    boolean holdsStill();
}
