package dev.moviola.render;

import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.movie.Visual;
import java.util.List;

/**
 * A layer turned into pixels the scene's graph composites: its source, the visual properties that still apply to
 * it (flips, opacity, crop), where it lands in the frame, and the filters that move it over the element's own
 * clock (a text style's animation; empty for a layer that only fades).
 *
 * @param motion filters applied on the element's local time line (pts = frames since the element started), after
 *               the picture is placed and before its fades
 * @param delay  frames after the layer's first visible frame before this picture starts to show (a line of an
 *               animated text that starts moving later); its source's frames count from there
 */
record Painted(LayerSource source, Visual visual, Placement place, List<Filter> motion, long delay) {

    Painted {
        motion = List.copyOf(motion);
    }

    Painted(LayerSource source, Visual visual, Placement place) {
        this(source, visual, place, List.of(), 0);
    }

    /** The same picture, shown from {@code frames} after the layer's first visible frame. */
    Painted delayed(long frames) {
        return new Painted(source, visual, place, motion, frames);
    }

    /** A picture drawn at its own size with its top-left corner at {@code x, y}. */
    static Placement exact(int x, int y, LayerSource src) {
        return new Placement(x, y, src.width(), src.height(), 0, 0, src.width(), src.height());
    }
}
