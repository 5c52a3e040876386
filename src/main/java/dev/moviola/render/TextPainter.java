package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.TextElement;
import dev.moviola.plan.Layer;
import dev.moviola.render.text.LaidText;
import dev.moviola.render.text.TextRasterizer;
import java.io.IOException;
import java.util.List;

/**
 * Paints text: lays it out with Java2D (fonts, wrapping, alignment, shadows), then lets its style
 * ({@link TextStyles}) say how the text shows over the layer's time.
 */
final class TextPainter implements LayerPainter {

    @Override
    public List<Painted> paint(Layer layer, PaintContext c) throws IOException, FfmpegException, InterruptedException {
        TextElement t = (TextElement) layer.element();
        LaidText laid = new TextRasterizer(c.fonts().get()).layout(t, c.output().width(), c.output().height(),
                layer.asset() == null ? null : c.file(layer.asset()));
        c.warnings().addAll(laid.warnings());
        return TextStyles.of(t.style()).show(t, laid, layer, c);
    }
}
