package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.plan.Layer;
import java.io.IOException;

/** Turns one kind of visual element into the pixels of its layer; {@link Painters} says which paints what. */
interface LayerPainter {

    /** The layer's pixels and placement, or null when it shows nothing (an empty text). */
    Painted paint(Layer layer, PaintContext context) throws IOException, FfmpegException, InterruptedException;
}
