package dev.moviola.movie;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a box is anchored in the frame. Presets sit against a frame edge with a 5 % margin; the fractions
 * say where the box lies between the two margins (0 = left/top, 0.5 = centre, 1 = right/bottom).
 */
public enum Position {
    CUSTOM(0, 0),
    TOP_LEFT(0, 0), TOP_CENTER(0.5, 0), TOP_RIGHT(1, 0),
    CENTER_LEFT(0, 0.5), CENTER_CENTER(0.5, 0.5), CENTER_RIGHT(1, 0.5),
    BOTTOM_LEFT(0, 1), BOTTOM_CENTER(0.5, 1), BOTTOM_RIGHT(1, 1);

    /** Margin between a preset's box and the frame edge, as a fraction of the frame size. */
    public static final double MARGIN = 0.05;

    public final double horizontal;
    public final double vertical;

    Position(double horizontal, double vertical) {
        this.horizontal = horizontal;
        this.vertical = vertical;
    }

    public boolean isPreset() {
        return this != CUSTOM;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Map<String, Position> byWord() {
        Map<String, Position> m = new LinkedHashMap<>();
        for (Position p : values()) {
            m.put(p.word(), p);
        }
        return m;
    }
}
