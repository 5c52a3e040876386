package dev.moviola.plan;

/** A word of a caption and when it is said, in movie seconds. */
public record CaptionWord(String text, double start, double end) {
}
