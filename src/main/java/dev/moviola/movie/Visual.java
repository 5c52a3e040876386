package dev.moviola.movie;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where and how a visual element is drawn.
 *
 * @param x,y    with {@link Position#CUSTOM}: the box's top-left corner; with a preset: offsets from it
 * @param width  box width in px, or null to derive it
 * @param height box height in px, or null to derive it
 * @param crop   source rectangle applied before resizing, or null
 * @param effects zoom, pan, rotation, chroma key, colour correction
 */
public record Visual(Position position, int x, int y, Integer width, Integer height, Resize resize, Crop crop,
        boolean flipHorizontal, boolean flipVertical, double opacity, int zIndex, Effects effects) {

    public static final Visual DEFAULT =
            new Visual(Position.CUSTOM, 0, 0, null, null, Resize.COVER, null, false, false, 1, 0, Effects.NONE);

    /** The mask's picture, when there is one: a source of the element it belongs to ({@code where}). */
    public List<Source> maskSources(Location where) {
        return effects.mask() == null ? List.of()
                : List.of(new Source(effects.mask(), where.at("mask"), Source.Need.PICTURE));
    }

    /** The same, with the mask's source renamed. */
    public Visual withSources(UnaryOperator<String> rename) {
        return new Visual(position, x, y, width, height, resize, crop, flipHorizontal, flipVertical, opacity, zIndex,
                effects.withMask(rename));
    }

    /** The same box and look, without a size or crop of its own (a picture drawn at its own size: text). */
    public Visual atOwnSize() {
        return new Visual(position, x, y, null, null, resize, null, flipHorizontal, flipVertical, opacity, zIndex,
                effects);
    }
}
