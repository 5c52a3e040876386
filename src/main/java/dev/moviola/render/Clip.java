package dev.moviola.render;

import dev.moviola.movie.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * A rendered scene: video-only H.264 of exactly {@code frames} frames. A scene that blends with its neighbours
 * is cut, at keyframes, into the frames that blend with the previous scene ({@code head}), those shown as they
 * are ({@code body}) and those that blend with the next scene ({@code tail}); assembly copies bodies as they
 * are and re-encodes only head/tail pairs.
 *
 * @param head null without a transition into the scene
 * @param body null when transitions use every frame of the scene
 * @param tail null without a transition out of the scene
 */
public record Clip(int sceneIndex, Path head, Path body, Path tail, long frames, List<Problem> warnings) {
    public Clip {
        warnings = List.copyOf(warnings);
    }
}
