package dev.moviola.render.text;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;

/** The diagonal, semi-transparent "DRAFT" drawn over draft renders. */
public final class DraftWatermark {
    private DraftWatermark() {
    }

    public static RasterText draw(FontCatalog fonts, int frameW, int frameH) {
        BufferedImage img = new BufferedImage(frameW, frameH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            TextRasterizer.hints(g);
            double angle = -Math.atan2(frameH, frameW);
            double diagonal = Math.hypot(frameW, frameH);
            Font font = fonts.defaultFont(700, 100);
            TextLayout probe = new TextLayout("DRAFT", font, TextBlock.FRC);
            float size = (float) (100 * diagonal * 0.6 / probe.getAdvance());
            TextLayout layout = new TextLayout("DRAFT", font.deriveFont(size), TextBlock.FRC);
            g.translate(frameW / 2.0, frameH / 2.0);
            g.rotate(angle);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(new Color(255, 255, 255, 90));
            float x = -layout.getAdvance() / 2;
            float y = (layout.getAscent() - layout.getDescent()) / 2;
            layout.draw(g, x, y);
            g.setColor(new Color(0, 0, 0, 60));
            g.setStroke(new java.awt.BasicStroke(Math.max(1, size / 60f)));
            g.draw(layout.getOutline(java.awt.geom.AffineTransform.getTranslateInstance(x, y)));
        } finally {
            g.dispose();
        }
        Rectangle ink = TextRasterizer.inkBounds(img);
        return new RasterText(img.getSubimage(ink.x, ink.y, ink.width, ink.height), ink.x, ink.y, java.util.List.of());
    }
}
