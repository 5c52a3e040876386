package dev.moviola.movie;

/**
 * Input limits a deployment enforces on movie documents (docs/format.md#limits); these are the defaults.
 *
 * @param maxPixels      width × height of the output
 * @param maxSide        longest side of the output
 * @param maxDuration    seconds of finished movie
 * @param maxSourcePixels width × height of a picture or video used as a source: decoding one costs memory in
 *                       proportion (a 16000×16000 PNG of 800 KB takes ffmpeg 800 MB), whatever the output size
 */
public record Limits(int maxScenes, int maxElementsPerScene, int maxSide, long maxPixels, double maxDuration,
        long maxSourcePixels) {
    /** 128 MP: a medium-format camera's 102 MP photos pass. */
    public static final Limits DEFAULT = new Limits(500, 100, 3840, 3840L * 2160, 20 * 60, 128_000_000L);
}
