package dev.moviola.movie;

/**
 * Tells where the scenes and elements of an expanded document came from in the author's document. After
 * templating, {@code scenes[3]} may be the second iteration of the author's {@code scenes[1]}, and a dropped
 * element shifts its siblings; messages must name the author's paths.
 */
public interface SourceMap {
    SourceMap IDENTITY = (expandedPath, fallback) -> fallback;

    /**
     * @param expandedPath the path in the expanded document ({@code scenes[3]}, {@code scenes[3].elements[0]})
     * @param fallback     the location to use when the path is not mapped
     */
    Location locate(String expandedPath, Location fallback);
}
