package dev.moviola.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.CssLength;
import dev.moviola.movie.Easing;
import dev.moviola.render.text.LaidText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a text style's parts move in, read from its definition ({@code text-styles.json}, where the vocabulary is
 * described): what moves separately, when each part starts, and the tweens it runs.
 *
 * @param unit        what moves separately; null for pills (style 013's phrases)
 * @param delay       ms before the first part starts
 * @param stagger     ms between one part's start and the next's
 * @param randomDelay up to this many ms more for each part, the same for the same text on every render
 * @param origin      the point of a part that scales and turns
 * @param clipToLine  whether a moving part stays inside its line's box
 * @param lines       style 008's rules above and below the text, or null
 * @param wordBoxes   style 011's padding of the background behind each word, or null
 * @param pills       style 013's pills, or null
 */
record TextMotion(LaidText.Kind unit, double delay, double stagger, double randomDelay, Origin origin,
        boolean clipToLine, List<Tween> tweens, Lines lines, CssLength wordBoxes, Pills pills) {

    /** The point of a part that scales and turns. */
    enum Origin { CENTER, LEFT, BOTTOM, BASELINE }

    /** One property moving from one value to another. {@code fromAbove}: from just above the frame (013). */
    record Tween(String property, CssLength from, CssLength to, boolean fromAbove, double duration, double delay,
            Easing easing) {

        /** Its value {@code ms} after its part started; before its delay, its first value. */
        double at(double ms, double em, double above) {
            double a = fromAbove ? above : from.toPixels(0, 0, em, 0, 1);
            double b = to.toPixels(0, 0, em, 0, 1);
            double p = duration <= 0 ? (ms >= delay ? 1 : 0) : (ms - delay) / duration;
            return a + (b - a) * easing.at(p);
        }

        double end() {
            return delay + duration;
        }
    }

    /** Style 008's rules: their thickness and distance from the text, their origin and tweens. */
    record Lines(CssLength thickness, CssLength gap, Origin origin, List<Tween> tweens) {
    }

    /** Style 013's pills: padding inside each, the gap between them, and how each lands (turned, moved). */
    record Pills(CssLength paddingY, CssLength paddingX, CssLength gap, double tilt, CssLength nudge) {
    }

    /** Whether every part ends as it is at rest (so the last frame is the still picture of the text). */
    boolean endsAtRest() {
        return pills == null && tweens.stream().allMatch(t -> t.to.value() == identity(t.property));
    }

    static double identity(String property) {
        return property.startsWith("scale") || property.equals("opacity") ? 1 : 0;
    }

    static TextMotion parse(JsonNode m) {
        String unit = m.path("unit").asText("block");
        JsonNode pills = m.path("pills");
        JsonNode lines = m.path("lines");
        JsonNode words = m.path("word-boxes");
        return new TextMotion(unit.equals("pill") ? null : LaidText.Kind.valueOf(unit.toUpperCase(Locale.ROOT)),
                m.path("delay").asDouble(0), m.path("stagger").asDouble(0), m.path("random-delay").asDouble(0),
                origin(m.path("origin")), m.path("clip").asText("").equals("line"), tweens(m.path("tweens")),
                lines.isObject() ? new Lines(length(lines.path("thickness")), length(lines.path("gap")),
                        origin(lines.path("origin")), tweens(lines.path("tweens"))) : null,
                words.isObject() ? length(words.path("padding")) : null,
                pills.isObject() ? pills(pills) : null);
    }

    private static Pills pills(JsonNode p) {
        String[] pad = p.path("padding").asText("0").trim().split("\\s+");
        return new Pills(length(pad[0]), length(pad.length > 1 ? pad[1] : pad[0]), length(p.path("gap")),
                p.path("tilt").asDouble(0), length(p.path("nudge")));
    }

    private static Origin origin(JsonNode o) {
        return o.isMissingNode() ? Origin.CENTER : Origin.valueOf(o.asText().toUpperCase(Locale.ROOT));
    }

    private static List<Tween> tweens(JsonNode list) {
        List<Tween> out = new ArrayList<>();
        for (JsonNode t : list) {
            boolean above = t.path("from").asText().equals("above");
            out.add(new Tween(t.path("property").asText(), above ? CssLength.ZERO : length(t.path("from")),
                    length(t.path("to")), above, t.path("duration").asDouble(), t.path("delay").asDouble(0),
                    Easing.of(t.path("easing").asText(Easing.DEFAULT))));
        }
        return List.copyOf(out);
    }

    private static CssLength length(JsonNode v) {
        return length(v.asText("0"));
    }

    private static CssLength length(String v) {
        CssLength l = CssLength.parse(v).orElseThrow(() -> new IllegalStateException("text-styles.json: " + v));
        // In a style's figures a bare number is pixels (translate) or a plain factor (scale, opacity, degrees).
        return l.unit() == CssLength.Unit.NUMBER ? new CssLength(l.value(), CssLength.Unit.PX) : l;
    }
}
