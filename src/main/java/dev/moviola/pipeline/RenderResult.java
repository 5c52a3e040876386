package dev.moviola.pipeline;

import dev.moviola.movie.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished render produced, as the CLI's {@code --json} and the job API report it.
 *
 * @param workers scenes rendered at once (as when the movie was rendered, for a movie-cache hit)
 * @param timings milliseconds per phase, in order
 * @param cache   how the caches were used
 * @param captions the captions written beside the output ({@link RenderOptions#captions()}), or null
 */
public record RenderResult(Path output, double duration, int width, int height, long size, int scenes, int workers,
        Map<String, Long> timings, List<Problem> warnings, String ffmpegVersion, CacheUse cache, Path captions) {
    public RenderResult {
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
        warnings = List.copyOf(warnings);
    }
}
