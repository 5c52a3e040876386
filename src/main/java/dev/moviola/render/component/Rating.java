package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * advanced/070: five stars (or hearts), the first {@code value} of them filled (4.4: four and two fifths of the fifth),
 * the others in {@code off-color}; each fades in after the one before (500 ms each, 300 ms apart).
 */
final class Rating {
    private Rating() {
    }

    static Card.Sized measure(JsonNode part, Parts parts) {
        Css css = parts.css(part.path("group").asText());
        double value = Math.max(0, Math.min(5, css.number("value", 5)));
        double size = css.length("size", parts.boxWidth() * 0.03, parts.boxWidth(), 16);
        double gap = size * 0.2;
        boolean heart = css.text("symbol", "star").trim().equalsIgnoreCase("heart");
        java.awt.Color on = css.color("color", new java.awt.Color(255, 215, 0));
        java.awt.Color off = css.color("off-color", new java.awt.Color(0, 0, 0, 0));
        Css.Shadow stroke = css.border("stroke", 16);
        Css.Shadow offStroke = css.border("off-stroke", 16);
        double stagger = parts.values.number(part.get("stagger"), 300);
        double each = parts.values.number(part.get("duration"), 500);
        double w = 5 * size + 4 * gap;
        return Specials.fixed(w, size, (x, y) -> {
            List<Piece> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                double filled = Math.max(0, Math.min(1, value - i));
                BufferedImage img = symbol((int) Math.round(size), heart, filled, on, off,
                        filled > 0 ? stroke : offStroke != null ? offStroke : stroke);
                out.add(new Piece(x + i * (size + gap), y, img, new Motion(List.of(
                        new Motion.Tween("opacity", 0, 1, i * stagger, each, Easing.LINEAR)))));
            }
            return out;
        });
    }

    static BufferedImage symbol(int side, boolean heart, double filled, java.awt.Color on, java.awt.Color off,
            Css.Shadow stroke) {
        BufferedImage img = new BufferedImage(Math.max(1, side), Math.max(1, side), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Shape s = heart ? heart(side) : star(side);
        g.setColor(off);
        g.fill(s);
        if (filled > 0) {
            g.setClip(new java.awt.Rectangle(0, 0, (int) Math.round(side * filled), side));
            g.setColor(on);
            g.fill(s);
            g.setClip(null);
        }
        if (stroke != null) {
            g.setColor(stroke.color());
            g.setStroke(new BasicStroke((float) stroke.x(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(s);
        }
        g.dispose();
        return img;
    }

    private static Shape star(double side) {
        Path2D p = new Path2D.Double();
        double cx = side / 2;
        double cy = side / 2 + side * 0.04;
        double outer = side * 0.5;
        double inner = outer * 0.45;
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double px = cx + r * Math.cos(a);
            double py = cy + r * Math.sin(a);
            if (i == 0) {
                p.moveTo(px, py);
            } else {
                p.lineTo(px, py);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape heart(double s) {
        GeneralPath p = new GeneralPath();
        p.moveTo(s / 2, s * 0.9);
        p.curveTo(s * 0.05, s * 0.6, s * -0.05, s * 0.2, s * 0.28, s * 0.12);
        p.curveTo(s * 0.4, s * 0.1, s * 0.48, s * 0.2, s / 2, s * 0.28);
        p.curveTo(s * 0.52, s * 0.2, s * 0.6, s * 0.1, s * 0.72, s * 0.12);
        p.curveTo(s * 1.05, s * 0.2, s * 0.95, s * 0.6, s / 2, s * 0.9);
        p.closePath();
        return p;
    }
}
