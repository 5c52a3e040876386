package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * advanced/001: the text's words falling into place one after the other, each shrinking from 14× to its size while
 * it fades in (easeOutCirc); {@code speed} 1–6 sets how long each word takes (3000 ms ÷ speed, the next word
 * starting half-way).
 */
final class Words {
    private Words() {
    }

    static Card.Sized measure(JsonNode part, double available, Parts parts) {
        Css css = parts.css(part.path("group").asText());
        float size = parts.fontSize(css, part);
        double speed = Math.max(1, Math.min(6, css.number("speed", 3)));
        double each = 3000 / speed;
        List<BufferedImage> words = new ArrayList<>();
        for (String p : RichText.paragraphs(css.group().get("text"))) {
            for (String w : p.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    RichText.Block b = RichText.layout(List.of(w), css, parts.fonts(), size, 100_000);
                    words.add(RichText.picture(b, Math.ceil(b.width()) + 1));
                }
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        double space = size * 0.3;
        List<List<Integer>> lines = new ArrayList<>();
        List<Integer> line = new ArrayList<>();
        double lw = 0;
        for (int i = 0; i < words.size(); i++) {
            double ww = words.get(i).getWidth();
            if (!line.isEmpty() && lw + space + ww > available) {
                lines.add(line);
                line = new ArrayList<>();
                lw = 0;
            }
            lw += (line.isEmpty() ? 0 : space) + ww;
            line.add(i);
        }
        lines.add(line);
        double lineH = words.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        double width = lines.stream().mapToDouble(l -> width(l, words, space)).max().orElse(1);
        String align = css.text("text-align", "center").trim().toLowerCase(Locale.ROOT);
        return Specials.fixed(width, lineH * lines.size(), (x, y) -> {
            List<Piece> out = new ArrayList<>();
            for (int li = 0; li < lines.size(); li++) {
                List<Integer> l = lines.get(li);
                double lwid = width(l, words, space);
                double px = x + switch (align) {
                    case "left" -> 0;
                    case "right" -> width - lwid;
                    default -> (width - lwid) / 2;
                };
                for (int i : l) {
                    BufferedImage img = words.get(i);
                    double start = i * each / 2;
                    out.add(new Piece(px, y + li * lineH, img, new Motion(List.of(
                            new Motion.Tween("opacity", 0, 1, start, each, Easing.of("easeOutCirc")),
                            new Motion.Tween("scale", 14, 1, start, each, Easing.of("easeOutCirc"))))));
                    px += img.getWidth() + space;
                }
            }
            return out;
        });
    }

    private static double width(List<Integer> line, List<BufferedImage> words, double space) {
        double w = 0;
        for (int i : line) {
            w += words.get(i).getWidth();
        }
        return w + space * Math.max(0, line.size() - 1);
    }
}
