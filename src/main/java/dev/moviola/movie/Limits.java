package dev.moviola.movie;

/**
 * Input limits a deployment enforces on movie documents (SPEC §5); these are the defaults.
 *
 * @param maxPixels      width × height of the output
 * @param maxSide        longest side of the output
 * @param maxDuration    seconds of finished movie
 */
public record Limits(int maxScenes, int maxElementsPerScene, int maxSide, long maxPixels, double maxDuration) {
    public static final Limits DEFAULT = new Limits(500, 100, 3840, 3840L * 2160, 20 * 60);
}
