package dev.moviola.movie;

import dev.moviola.movie.Effects.ChromaKey;
import dev.moviola.movie.Effects.Correction;
import dev.moviola.movie.Effects.Direction;
import dev.moviola.movie.Effects.Pan;
import dev.moviola.movie.Effects.Rotation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a visual element's effects: {@code zoom}, {@code pan} (and its distance and crop), {@code rotate}, {@code chroma-key}, {@code correction}. */
final class EffectsReader {
    private static final Map<String, Direction> DIRECTIONS = directions();

    private EffectsReader() {
    }

    /** The effects of an element that can't take a mask (refused with the reason when given). */
    static Effects read(Fields f) {
        if (f.text("mask").filter(m -> !m.isBlank()).isPresent()) {
            f.error("mask", "works on image and video elements only; remove it here");
        }
        return read(f, false);
    }

    /** @param maskable whether the element takes a {@code mask} (pictures and videos) */
    static Effects read(Fields f, boolean maskable) {
        double zoom = f.range("zoom", 0, -10, 10, "");
        Pan pan = pan(f);
        Rotation rotate = rotate(f);
        ChromaKey chroma = f.object("chroma-key").map(EffectsReader::chromaKey).orElse(null);
        Correction correction = f.object("correction").map(EffectsReader::correction).orElse(null);
        String mask = maskable ? f.text("mask").map(String::trim).filter(m -> !m.isEmpty()).orElse(null) : null;
        return new Effects(zoom, pan, rotate, chroma, correction, mask);
    }

    private static Pan pan(Fields f) {
        double distance = f.range("pan-distance", 0.1, 0.01, 0.5, " (a fraction of the box)");
        boolean crop = f.bool("pan-crop", true);
        Optional<String> written = f.text("pan").map(String::trim).filter(s -> !s.isEmpty());
        if (written.isEmpty()) {
            return null; // absent, null or "": no pan (real documents write "pan": null)
        }
        Direction d = f.choice("pan", null, DIRECTIONS);
        return d == null ? null : new Pan(d, distance, crop);
    }

    /** {@code {"angle": 8, "speed": 0}}, or a number of degrees. */
    private static Rotation rotate(Fields f) {
        if (!f.has("rotate")) {
            return null;
        }
        if (f.raw("rotate").isNumber() || f.raw("rotate").isTextual()) {
            double angle = f.range("rotate", 0, -3600, 3600, " of degrees");
            return angle == 0 ? null : new Rotation(angle, 0);
        }
        return f.object("rotate").map(r -> {
            double angle = r.range("angle", 0, -3600, 3600, " of degrees (clockwise)");
            double speed = r.range("speed", 0, -3600, 3600, " of degrees a second");
            r.finish();
            return angle == 0 && speed == 0 ? null : new Rotation(angle, speed);
        }).orElse(null);
    }

    private static ChromaKey chromaKey(Fields c) {
        Optional<Color> color = c.color("color");
        if (color.isEmpty() && !c.has("color")) {
            c.error("color", "is required: the colour to make transparent, e.g. \"#00b140\"");
        }
        double tolerance = c.range("tolerance", 25, 1, 100, " (1: only this colour; 100: everything)");
        c.finish();
        return color.map(col -> new ChromaKey(col, tolerance)).orElse(null);
    }

    private static Correction correction(Fields c) {
        Correction r = new Correction(c.range("brightness", 0, -1, 1, " (0: unchanged)"),
                c.range("contrast", 1, 0, 2, " (1: unchanged)"), c.range("gamma", 1, 0.1, 10, " (1: unchanged)"),
                c.range("saturation", 1, 0, 3, " (1: unchanged; 0: grey)"));
        c.finish();
        return r.equals(new Correction(0, 1, 1, 1)) ? null : r;
    }

    private static Map<String, Direction> directions() {
        Map<String, Direction> m = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            m.put(d.name().toLowerCase(Locale.ROOT).replace('_', '-'), d);
        }
        return m;
    }
}
