package dev.moviola.movie;

/**
 * Where and how a visual element is drawn.
 *
 * @param x,y    with {@link Position#CUSTOM}: the box's top-left corner; with a preset: offsets from it
 * @param width  box width in px, or null to derive it
 * @param height box height in px, or null to derive it
 * @param crop   source rectangle applied before resizing, or null
 */
public record Visual(Position position, int x, int y, Integer width, Integer height, Resize resize, Crop crop,
        boolean flipHorizontal, boolean flipVertical, double opacity, int zIndex) {

    public static final Visual DEFAULT =
            new Visual(Position.CUSTOM, 0, 0, null, null, Resize.COVER, null, false, false, 1, 0);
}
