package dev.moviola.render;

import dev.moviola.movie.Problem;
import java.nio.file.Path;
import java.util.List;

/** A rendered scene: a video-only H.264 file of exactly {@code frames} frames. */
public record Clip(int sceneIndex, Path file, long frames, List<Problem> warnings) {
    public Clip {
        warnings = List.copyOf(warnings);
    }
}
