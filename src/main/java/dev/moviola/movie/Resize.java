package dev.moviola.movie;

/** How a picture fills its box: crop the overflow, letterbox inside it, or stretch. */
public enum Resize {
    COVER, CONTAIN, FILL
}
