package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one part of a component moves: tweens of its properties ({@code opacity}, {@code x}/{@code y} in its own
 * widths/heights, {@code dx}/{@code dy} in the box's, {@code scale}, {@code rotate} in degrees, {@code wipe-x},
 * {@code wipe-y}, {@code wipe-up}: the visible fraction from the left, top or bottom), each with a delay, a duration
 * in ms and an anime.js easing. Before its first tween a property has that tween's start value; after its last,
 * the end value: animations freeze at their end.
 */
final class Motion {
    static final Map<String, Double> REST = Map.of("opacity", 1.0, "x", 0.0, "y", 0.0, "dx", 0.0, "dy", 0.0,
            "scale", 1.0, "rotate", 0.0, "wipe-x", 1.0, "wipe-y", 1.0, "wipe-up", 1.0);

    /** One property moving from a value to another. */
    record Tween(String prop, double from, double to, double delay, double duration, Easing easing) {
        double end() {
            return delay + duration;
        }
    }

    private final List<Tween> tweens;

    Motion(List<Tween> tweens) {
        this.tweens = List.copyOf(tweens);
    }

    static final Motion NONE = new Motion(List.of());

    /** The tweens of a part's {@code motion} array, values resolved by {@code values}, delays shifted by {@code shift}. */
    static Motion parse(JsonNode motion, Values values, double shift) {
        List<Tween> out = new ArrayList<>();
        if (motion != null) {
            for (JsonNode t : motion) {
                String prop = t.path("prop").asText();
                if (!REST.containsKey(prop)) {
                    throw new IllegalArgumentException("a component motion moves \"" + prop + "\"; it can move "
                            + String.join(", ", new java.util.TreeSet<>(REST.keySet())));
                }
                double rest = REST.get(prop);
                double duration = values.number(t.get("duration"), 0);
                if (t.has("per-char")) {
                    // basic/052: 500 ms + 20 ms per character of the headline.
                    String[] perChar = t.get("per-char").asText().split(":");
                    JsonNode text = values.settings().path(perChar[0]).get("text");
                    int chars = RichText.paragraphs(text).stream().mapToInt(p -> RichText.plain(p).length()).sum();
                    duration += chars * Double.parseDouble(perChar[1]);
                }
                out.add(new Tween(prop, values.number(t.get("from"), rest), values.number(t.get("to"), rest),
                        values.number(t.get("delay"), 0) + shift, Math.max(0, duration),
                        Easing.of(values.text(t.get("easing"), "linear"))));
            }
        }
        return new Motion(out);
    }

    boolean isEmpty() {
        return tweens.isEmpty();
    }

    Motion plus(Motion other) {
        List<Tween> all = new ArrayList<>(tweens);
        all.addAll(other.tweens);
        return new Motion(all);
    }

    /** The property's value {@code ms} after the element started (infinite: at rest). */
    double value(String prop, double ms) {
        Tween current = null;
        for (Tween t : tweens) {
            if (!t.prop().equals(prop)) {
                continue;
            }
            if (current == null || t.delay() <= ms) {
                current = t;
            }
        }
        if (current == null) {
            return REST.get(prop);
        }
        if (ms <= current.delay()) {
            return current.from();
        }
        if (ms >= current.end() || current.duration() <= 0) {
            return current.to();
        }
        double p = current.easing().at((ms - current.delay()) / current.duration());
        return current.from() + (current.to() - current.from()) * p;
    }

    /** When the last tween ends, in ms. */
    double endMs() {
        return tweens.stream().mapToDouble(Tween::end).max().orElse(0);
    }
}
