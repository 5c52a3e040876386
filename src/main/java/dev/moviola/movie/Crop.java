package dev.moviola.movie;

/** A rectangle of the source, in source pixels, kept before resizing. */
public record Crop(int x, int y, int width, int height) {
}
