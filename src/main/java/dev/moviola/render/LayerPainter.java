package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.plan.Layer;
import java.io.IOException;
import java.util.List;

/** Turns one kind of visual element into the pixels of its layer; {@link Painters} says which paints what. */
interface LayerPainter {

    /**
     * The layer's pictures and their placement, composited in order (usually one; an animated text gives one per
     * line, each only as large and as long as it moves); empty when it shows nothing (an empty text).
     */
    List<Painted> paint(Layer layer, PaintContext context) throws IOException, FfmpegException, InterruptedException;
}
