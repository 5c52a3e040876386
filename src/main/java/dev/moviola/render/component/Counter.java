package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * advanced/060: a text whose {@code __num__} counts from {@code from} to {@code to} over {@code duration} ms with
 * {@code decimals} decimals; the number is redrawn only when it changes.
 */
final class Counter {
    private Counter() {
    }

    static Card.Sized measure(JsonNode part, double available, Parts parts) {
        String group = part.path("group").asText();
        Css css = parts.css(group);
        Values v = parts.values;
        double from = css.number("from", 0);
        double to = css.number("to", 1000);
        int decimals = (int) Math.max(0, Math.min(2, css.number("decimals", 0)));
        double duration = Math.max(0, css.number("duration", 5000));
        double delay = v.number(part.get("delay"), 0);
        Easing easing = Easing.parse(css.text("easing", part.path("easing").asText("easeOutQuad")))
                .orElse(Easing.LINEAR);
        String template = RichText.paragraphs(css.group().get("text")).stream().findFirst().orElse("__num__");
        float size = parts.fontSize(css, part);
        // Measured with the widest number it shows, so the text does not jump about while it counts.
        String widest = template.replace("__num__", format(Math.max(Math.abs(from), Math.abs(to)), decimals)
                .replaceAll("[0-9]", "8") + (from < 0 || to < 0 ? "-" : ""));
        RichText.Block probe = RichText.layout(List.of(widest), css, parts.fonts(), size, available);
        double w = Math.min(available, Math.ceil(probe.width()) + 2);
        double h = probe.height();
        Map<String, BufferedImage> drawn = new HashMap<>();
        return Specials.fixed(w, h, (x, y) -> List.of(new Piece(x, y, w, h, ms -> {
            double t = Double.isInfinite(ms) || duration == 0 ? 1 : Math.max(0, Math.min(1, (ms - delay) / duration));
            String text = template.replace("__num__", format(from + (to - from) * easing.at(t), decimals));
            return drawn.computeIfAbsent(text, k -> RichText.picture(RichText.layout(List.of(k), css, parts.fonts(),
                    size, w + 1000), w));
        }, new Motion(List.of(new Motion.Tween("opacity", 1, 1, delay + duration, 0, Easing.LINEAR))))));
    }

    static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
