package dev.moviola.render;

import dev.moviola.movie.Fps;
import dev.moviola.plan.Layer;
import java.awt.geom.Rectangle2D;
import java.util.function.DoubleFunction;

/**
 * The frames of a layer in which something drawn with Java2D moves (an animated text's group, a component), counted
 * from the layer's start: from the first frame the layer shows ({@code from}) to the one at which the drawing comes
 * to rest ({@code upto}, never past the layer's last frame), the first in which it is visible ({@code shows}, -1
 * when never) and the union of its bounds over them ({@code area}, null when never visible). At the rest frame and
 * after, the drawing is asked for time {@link Double#POSITIVE_INFINITY}: its final look, whatever rounding.
 */
record AnimatedSpan(Fps fps, long restFrame, long from, long upto, long shows, Rectangle2D area) {

    /**
     * @param endMs  when the drawing comes to rest, in ms from the layer's start
     * @param bounds the drawing's bounds at a time in ms (null when nothing shows)
     */
    static AnimatedSpan of(double endMs, Layer layer, Fps fps, DoubleFunction<Rectangle2D> bounds) {
        long restFrame = (long) Math.ceil(endMs / 1000.0 * fps.numerator() / fps.denominator() - 1e-9);
        long first = Math.max(0, layer.fromFrame() - layer.startFrame());
        long last = Math.max(first, layer.toFrame() - 1 - layer.startFrame());
        long upto = Math.min(restFrame, last);
        long from = Math.min(first, upto);
        long shows = -1;
        Rectangle2D area = null;
        for (long f = from; f <= upto; f++) {
            Rectangle2D b = bounds.apply(ms(fps, f, restFrame));
            if (b != null) {
                shows = shows < 0 ? f : shows;
                area = area == null ? b : area.createUnion(b);
            }
        }
        return new AnimatedSpan(fps, restFrame, from, upto, shows, area);
    }

    /** The time of frame {@code f} to draw, in ms: infinite from the rest frame on. */
    double ms(long f) {
        return ms(fps, f, restFrame);
    }

    private static double ms(Fps fps, long f, long restFrame) {
        return f >= restFrame ? Double.POSITIVE_INFINITY : fps.timeOf(f) * 1000;
    }
}
