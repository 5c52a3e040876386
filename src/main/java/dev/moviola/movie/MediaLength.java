package dev.moviola.movie;

/**
 * How long an element's source plays, as the probe found it: what an element's own length is made of.
 *
 * @param picture  seconds of picture (NaN when it has none or it is a still)
 * @param sound    seconds of sound (NaN when it has none)
 * @param animated whether it is a picture that moves on its own (an animated GIF) rather than a still
 */
public record MediaLength(double picture, double sound, boolean animated) {
}
