package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.TextElement;
import dev.moviola.plan.Layer;
import dev.moviola.render.text.RasterText;
import java.io.IOException;

/**
 * How a text style shows its text over the layer's time span: a still picture held for the whole span, or frames
 * for the span in which it moves followed by the picture it ends on, plus whatever filters animate them. One per
 * style code, looked up in {@link TextStyles}; fades, opacity and placement of the element apply on top.
 */
interface TextAnimation {

    /**
     * @param drawn the text laid out and drawn at rest, as every style ends (cropped to its ink, placed in the frame)
     * @param layer when the layer shows, in scene frames, and its element's local clock
     */
    Painted show(TextElement text, RasterText drawn, Layer layer, PaintContext context)
            throws IOException, FfmpegException, InterruptedException;
}
