package dev.moviola.movie;

/**
 * A visual element drawn from its source's picture (an image, a video): placed in its box by {@code resize},
 * and played as {@link #picturePlayback()} says when the picture moves.
 */
public interface ShowsMedia {

    /** How the picture plays when it moves (a video, an animated GIF). */
    Playback picturePlayback();

    /**
     * Whether its source is a picture rather than a video: a still one is drawn once and held, an animated one (a
     * GIF) plays its frames with their own timing; either keeps its transparency.
     */
    boolean picture();
}
