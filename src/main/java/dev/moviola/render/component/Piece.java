package dev.moviola.render.component;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleFunction;

/**
 * One drawn part of a component: a picture (drawn once, or per frame for one that changes, such as a counter)
 * at its place in the element's box, moved by its {@link Motion}.
 */
final class Piece {
    final double x;
    final double y;
    final double width;
    final double height;
    private final DoubleFunction<BufferedImage> picture;
    private final Motion motion;

    Piece(double x, double y, BufferedImage picture, Motion motion) {
        this(x, y, picture.getWidth(), picture.getHeight(), ms -> picture, motion);
    }

    Piece(double x, double y, double width, double height, DoubleFunction<BufferedImage> picture, Motion motion) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.picture = picture;
        this.motion = motion;
    }

    double endMs() {
        return motion.endMs();
    }

    private AffineTransform transform(double ms) {
        double cx = x + width / 2;
        double cy = y + height / 2;
        AffineTransform t = new AffineTransform();
        t.translate(motion.value("x", ms) * width + motion.value("dx", ms), motion.value("y", ms) * height
                + motion.value("dy", ms));
        t.translate(cx, cy);
        t.rotate(Math.toRadians(motion.value("rotate", ms)));
        double s = motion.value("scale", ms);
        t.scale(s, s);
        t.translate(-width / 2, -height / 2);
        return t;
    }

    /** Where it shows at {@code ms}, in the box's pixels; null when it does not show. */
    Rectangle2D bounds(double ms) {
        if (motion.value("opacity", ms) <= 0.001 || motion.value("scale", ms) <= 0.0001 || visible(ms) == null) {
            return null;
        }
        return transform(ms).createTransformedShape(visible(ms)).getBounds2D();
    }

    /** The visible part of its picture (wipes), in its own pixels; null when nothing is. */
    private Rectangle2D visible(double ms) {
        double wx = clamp(motion.value("wipe-x", ms));
        double wy = clamp(motion.value("wipe-y", ms));
        double wu = clamp(motion.value("wipe-up", ms));
        if (wx <= 0 || wy <= 0 || wu <= 0) {
            return null;
        }
        double h = height * wy * wu;
        double top = wu < 1 ? height * (1 - wu) : 0;
        return new Rectangle2D.Double(0, top, width * wx, h);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** A number that changes whenever what it draws at {@code ms} changes. */
    void signature(double ms, java.util.List<Double> into) {
        for (String p : Motion.REST.keySet()) {
            into.add(motion.value(p, ms));
        }
        into.add((double) System.identityHashCode(picture.apply(ms)));
    }

    void draw(Graphics2D g, double ms) {
        double opacity = clamp(motion.value("opacity", ms));
        Rectangle2D visible = visible(ms);
        if (opacity <= 0.001 || visible == null) {
            return;
        }
        Graphics2D d = (Graphics2D) g.create();
        try {
            d.transform(transform(ms));
            d.clip(visible);
            d.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
            BufferedImage img = picture.apply(ms);
            d.drawImage(img, AffineTransform.getScaleInstance(width / img.getWidth(), height / img.getHeight()), null);
        } finally {
            d.dispose();
        }
    }
}
