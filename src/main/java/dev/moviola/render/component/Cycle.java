package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * advanced/000: the text items one at a time in the same place, each growing from 0.2 to full size while it fades
 * in (800 ms, easeOutSine), staying 500 ms, then growing to 3× while it fades out (600 ms, easeInExpo); the last
 * item stays unless {@code last-leaves} is set.
 */
final class Cycle {
    private Cycle() {
    }

    static Card.Sized measure(JsonNode part, double available, Parts parts) {
        Css css = parts.css(part.path("group").asText());
        float size = parts.fontSize(css, part);
        List<BufferedImage> items = new ArrayList<>();
        double w = 0;
        double h = 0;
        for (String p : RichText.paragraphs(css.group().get("text"))) {
            RichText.Block b = RichText.layout(List.of(p), css, parts.fonts(), size, available);
            BufferedImage img = RichText.picture(b, Math.ceil(b.width()) + 1);
            items.add(img);
            w = Math.max(w, img.getWidth());
            h = Math.max(h, img.getHeight());
        }
        if (items.isEmpty()) {
            return null;
        }
        double inMs = 800;
        double hold = 500;
        double outMs = 600;
        boolean lastLeaves = part.path("last-leaves").asBoolean(false);
        double fw = w;
        double fh = h;
        return Specials.fixed(w, h, (x, y) -> {
            List<Piece> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                BufferedImage img = items.get(i);
                double start = i * (inMs + hold + outMs);
                List<Motion.Tween> t = new ArrayList<>(List.of(
                        new Motion.Tween("opacity", 0, 1, start, inMs, Easing.of("easeOutSine")),
                        new Motion.Tween("scale", 0.2, 1, start, inMs, Easing.of("easeOutSine"))));
                if (i < items.size() - 1 || lastLeaves) {
                    t.add(new Motion.Tween("opacity", 1, 0, start + inMs + hold, outMs, Easing.of("easeInExpo")));
                    t.add(new Motion.Tween("scale", 1, 3, start + inMs + hold, outMs, Easing.of("easeInExpo")));
                }
                out.add(new Piece(x + (fw - img.getWidth()) / 2, y + (fh - img.getHeight()) / 2, img, new Motion(t)));
            }
            return out;
        });
    }
}
