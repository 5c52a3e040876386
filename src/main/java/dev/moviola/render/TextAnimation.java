package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.TextElement;
import dev.moviola.plan.Layer;
import dev.moviola.render.text.LaidText;
import java.io.IOException;
import java.util.List;

/**
 * How a text style shows its text over the layer's time span: a still picture held for the whole span, or frames
 * for the span in which it moves followed by the picture it ends on. One per style, made by {@link TextStyles};
 * fades, opacity and placement of the element apply on top.
 */
interface TextAnimation {

    /**
     * @param laid  the text laid out in its box, to draw whole or in parts
     * @param layer when the layer shows, in scene frames, and its element's local clock
     * @return its pictures, in the order they are composited; empty when nothing shows
     */
    List<Painted> show(TextElement text, LaidText laid, Layer layer, PaintContext context)
            throws IOException, FfmpegException, InterruptedException;
}
