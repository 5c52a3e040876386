package dev.moviola.render;

import dev.moviola.movie.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * A rendered scene of exactly {@code frames} frames, in up to three files: the frames that blend with the
 * previous scene ({@code head}) and with the next ({@code tail}), kept losslessly for the transitions, and those
 * shown as they are ({@code body}), encoded as the movie will carry them. Assembly copies bodies as they are
 * and re-encodes only the blended head/tail pairs.
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
