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
 */
public record ScenePlan(int index, String id, String path, long startFrame, long frames, Color background,
        List<Layer> layers) {

    public ScenePlan {
        layers = List.copyOf(layers);
    }

    /** "scene 3" or "scene 3 (intro)": how messages name it (1-based, as people count). */
    public String label() {
        return "scene " + (index + 1) + (id == null ? "" : " (" + id + ")");
    }
}
