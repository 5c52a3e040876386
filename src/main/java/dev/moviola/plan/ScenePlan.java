package dev.moviola.plan;

import dev.moviola.movie.Color;
import java.util.List;

/**
 * One scene ready to render: its place on the movie's frame grid, its background, and its layers from
 * bottom to top (z-index, then document order, then movie-level overlays).
 *
 * @param path       the scene's JSON path, for messages
 * @param startFrame the movie frame the scene starts at
 * @param frames     how many frames it lasts
 * @param blendIn    its transition from the previous scene (its first frames blend with that scene's last), or null
 * @param tailFrames how many of its last frames blend with the next scene (0 for a cut)
 * @param captions   the captions it shows (cues in movie seconds), drawn over its finished frames; null for none
 * @param cache      false when a cached clip must not be used (docs/format.md#the-cache-flag: the movie, the scene or one of the
 *                   elements in it says {@code cache: false}); the fresh clip then replaces the cached one
 */
public record ScenePlan(int index, String id, String path, long startFrame, long frames, Color background,
        List<Layer> layers, Blend blendIn, long tailFrames, Captions captions, boolean cache) {

    /** A transition on the frame grid: the style and how many frames of each scene it blends. */
    public record Blend(String style, long frames) {
    }

    /** Frames at the start that blend with the previous scene. */
    public long headFrames() {
        return blendIn == null ? 0 : blendIn.frames();
    }

    public ScenePlan {
        layers = List.copyOf(layers);
        if (headFrames() + tailFrames > frames) {
            throw new IllegalArgumentException("transitions overlap inside scene " + index);
        }
    }

    /** The same scene showing other captions. */
    public ScenePlan withCaptions(Captions shown) {
        return new ScenePlan(index, id, path, startFrame, frames, background, layers, blendIn, tailFrames, shown, cache);
    }

    /** "scene 3" or "scene 3 (intro)": how messages name it (1-based, as people count). */
    public String label() {
        return "scene " + (index + 1) + (id == null ? "" : " (" + id + ")");
    }
}
