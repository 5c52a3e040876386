package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A button (advanced/050, advanced/051): its text on its background with padding, rounded corners and a border,
 * moved by the part's motion; advanced/051's {@code cursor} (an arrow) comes to it and clicks it.
 */
final class Button {
    private Button() {
    }

    static Card.Sized measure(JsonNode part, double available, Parts parts) {
        Css css = parts.css(part.path("group").asText());
        float size = parts.fontSize(css, part);
        double[] pad = css.box("padding", size);
        Css.Shadow border = css.border("border", size);
        if (border != null && css.has("border-color")) {
            border = new Css.Shadow(border.x(), 0, 0, css.color("border-color", border.color()));
        }
        double b = border == null ? 0 : border.x();
        RichText.Block block = RichText.layout(RichText.paragraphs(css.group().get("text")), css, parts.fonts(), size,
                Math.max(1, available - pad[1] - pad[3] - 2 * b));
        double w = Math.ceil(block.width()) + pad[1] + pad[3] + 2 * b;
        double h = block.height() + pad[0] + pad[2] + 2 * b;
        BufferedImage img = new BufferedImage((int) Math.ceil(w), (int) Math.ceil(h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double r = css.length("border-radius", 0, h, size);
        java.awt.Color bg = css.background(new java.awt.Color(0x1e, 0x88, 0xe5));
        g.setColor(bg);
        g.fill(new RoundRectangle2D.Double(b / 2, b / 2, w - b, h - b, r * 2, r * 2));
        if (border != null) {
            g.setColor(border.color());
            g.setStroke(new BasicStroke((float) b));
            g.draw(new RoundRectangle2D.Double(b / 2, b / 2, w - b, h - b, r * 2, r * 2));
        }
        java.awt.Graphics2D t = (Graphics2D) g.create();
        t.translate(b + pad[3], b + pad[0]);
        RichText.draw(t, block, Math.ceil(block.width()));
        t.dispose();
        g.dispose();
        Motion m = parts.motion(part, "motion");
        JsonNode cursorPart = part.get("cursor");
        return Specials.fixed(w, h, (x, y) -> {
            List<Piece> out = new ArrayList<>();
            out.add(new Piece(x, y, img, m));
            if (cursorPart != null) {
                Css cc = parts.css(cursorPart.path("group").asText("cursor"));
                double cw = cc.length("width", parts.boxWidth() * 0.08, parts.boxWidth(), 16);
                double ch = cc.length("height", cw, parts.boxHeight(), 16);
                // The arrow's tip lands on the button's centre.
                out.add(new Piece(x + w / 2, y + h / 2, arrow((int) Math.round(cw), (int) Math.round(ch)),
                        parts.motion(cursorPart, "motion")));
            }
            return out;
        });
    }

    /** A mouse pointer: white with a black outline, its tip at the top-left corner. */
    static BufferedImage arrow(int w, int h) {
        BufferedImage img = new BufferedImage(Math.max(2, w), Math.max(2, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double[][] pts = {{0, 0}, {0, 0.85}, {0.22, 0.66}, {0.36, 1}, {0.5, 0.94}, {0.36, 0.61}, {0.62, 0.61}};
        java.awt.geom.Path2D p = new java.awt.geom.Path2D.Double();
        float stroke = Math.max(1, w * 0.05f);
        for (int i = 0; i < pts.length; i++) {
            double px = stroke + pts[i][0] * (w - 2 * stroke);
            double py = stroke + pts[i][1] * (h - 2 * stroke);
            if (i == 0) {
                p.moveTo(px, py);
            } else {
                p.lineTo(px, py);
            }
        }
        p.closePath();
        g.setColor(java.awt.Color.WHITE);
        g.fill(p);
        g.setColor(java.awt.Color.BLACK);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
        g.dispose();
        return img;
    }
}
