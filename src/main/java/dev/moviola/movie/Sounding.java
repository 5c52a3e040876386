package dev.moviola.movie;

/**
 * An element that adds its source's sound to the movie's mix (an audio, or a video's soundtrack when its file
 * has one), played as its {@link Playback} says.
 */
public interface Sounding {
    Playback playback();
}
