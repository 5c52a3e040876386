package dev.moviola.render.component;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * textbox/simple's boxes: a rectangle (background, border, rounded corners, rotation) with its text inside, moved
 * like shape/rectangle's by its {@code animate} block. With {@code font-size: "auto"} the text takes the largest
 * size from {@code min-font-size} to {@code max-font-size} at which it fits the box at rest (inside its padding).
 */
final class Textbox {
    private Textbox() {
    }

    static Piece piece(Css css, Parts parts) {
        int w = parts.boxWidth();
        int h = parts.boxHeight();
        Shapes.Tween t = Shapes.Tween.of(css, w, h, "easeOutCubic");
        java.awt.Color bg = css.background(new java.awt.Color(0, 0, 0, 0));
        Css.Shadow border = css.border("border", 16);
        double restW = t.length("width", w, w, Double.POSITIVE_INFINITY);
        double restH = t.length("height", h, h, Double.POSITIVE_INFINITY);
        List<String> text = RichText.paragraphs(css.group() == null ? null : css.group().get("text"));
        double[] pad = css.box("padding", 16);
        double innerW = Math.max(1, restW - pad[1] - pad[3]);
        double innerH = Math.max(1, restH - pad[0] - pad[2]);
        float size = fontSize(css, parts, text, innerW, innerH);
        RichText.Block block = RichText.layout(text, css, parts.fonts(), size, innerW);
        BufferedImage words = RichText.picture(block, innerW);
        String va = css.text("vertical-align", "center").trim().toLowerCase(Locale.ROOT);
        Shapes.Drawing d = new Shapes.Drawing() {
            Rectangle2D rect(double ms) {
                return new Rectangle2D.Double(t.length("left", 0, w, ms), t.length("top", 0, h, ms),
                        t.length("width", w, w, ms), t.length("height", h, h, ms));
            }

            AffineTransform turn(double ms, Rectangle2D r) {
                return AffineTransform.getRotateInstance(Math.toRadians(t.number("rotate", 0, ms)), r.getCenterX(),
                        r.getCenterY());
            }

            public Rectangle2D area(double ms) {
                Rectangle2D r = rect(ms);
                double m = border == null ? 0 : border.x();
                Rectangle2D a = turn(ms, r).createTransformedShape(r).getBounds2D();
                return new Rectangle2D.Double(a.getX() - m, a.getY() - m, a.getWidth() + 2 * m, a.getHeight() + 2 * m);
            }

            public void draw(Graphics2D g, double ms) {
                Rectangle2D r = rect(ms);
                Graphics2D c = (Graphics2D) g.create();
                c.transform(turn(ms, r));
                c.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                        (float) Math.max(0, Math.min(1, t.number("opacity", 1, ms)))));
                double radius = css.lengthOf(css.text("border-radius", "0"), 0, Math.min(r.getWidth(), r.getHeight()), 16);
                Shape s = new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), radius * 2, radius * 2);
                c.setColor(bg);
                c.fill(s);
                if (border != null) {
                    c.setColor(border.color());
                    c.setStroke(new BasicStroke((float) border.x()));
                    c.draw(s);
                }
                c.clip(s);
                double top = switch (va) {
                    case "top" -> r.getY() + pad[0];
                    case "bottom" -> r.getMaxY() - pad[2] - block.height();
                    default -> r.getY() + pad[0] + (r.getHeight() - pad[0] - pad[2] - block.height()) / 2;
                };
                c.drawImage(words, (int) Math.round(r.getX() + pad[3] + (r.getWidth() - pad[1] - pad[3] - innerW) / 2),
                        (int) Math.round(top), null);
                c.dispose();
            }

            public String key(double ms) {
                return rect(ms) + "/" + t.number("rotate", 0, ms) + "/" + t.number("opacity", 1, ms);
            }
        };
        return Shapes.piece(d, t.end());
    }

    /** The group's font-size, or with "auto" the largest that fits from min-font-size to max-font-size. */
    private static float fontSize(Css css, Parts parts, List<String> text, double innerW, double innerH) {
        String fs = css.text("font-size", "auto").trim();
        if (!fs.equals("auto")) {
            return (float) Math.max(1, css.length("font-size", 16, parts.boxWidth(), 16));
        }
        double lo = Math.max(1, css.length("min-font-size", 8, parts.boxWidth(), 16));
        double hi = Math.max(lo, css.length("max-font-size", parts.boxWidth() * 0.2, parts.boxWidth(), 16));
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            RichText.Block b = RichText.layout(text, css, parts.fonts(), (float) mid, innerW);
            if (b.height() <= innerH && b.width() <= innerW + 0.5) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (float) lo;
    }
}
