package dev.moviola.pipeline;

import dev.moviola.movie.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished render produced, as the CLI's {@code --json} and the job API report it.
 *
 * @param workers scenes rendered at once
 * @param timings milliseconds per phase, in order
 */
public record RenderResult(Path output, double duration, int width, int height, long size, int scenes, int workers,
        Map<String, Long> timings, List<Problem> warnings, String ffmpegVersion) {
    public RenderResult {
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
        warnings = List.copyOf(warnings);
    }
}
