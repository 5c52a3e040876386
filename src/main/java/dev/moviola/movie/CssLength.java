package dev.moviola.movie;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSS-style length: {@code 40px}, {@code 5vw}, {@code 3vh}, {@code 1.5em}, {@code 120%} or a bare number
 * (pixels, except where CSS reads a bare number as a multiple, as {@code line-height} does).
 */
public record CssLength(double value, Unit unit) {

    public static final CssLength ZERO = new CssLength(0, Unit.PX);

    /** The unit a length was written in; {@link #NUMBER} is a bare number. */
    public enum Unit { PX, VW, VH, EM, PERCENT, NUMBER }

    private static final Pattern SYNTAX = Pattern.compile("(-?[0-9]*\\.?[0-9]+(?:e-?[0-9]+)?)\\s*(px|vw|vh|em|rem|%)?");

    public static Optional<CssLength> parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double v = Double.parseDouble(m.group(1));
        if (!Double.isFinite(v)) {
            return Optional.empty();
        }
        String u = m.group(2);
        Unit unit = u == null ? Unit.NUMBER : switch (u) {
            case "px" -> Unit.PX;
            case "vw" -> Unit.VW;
            case "vh" -> Unit.VH;
            case "em", "rem" -> Unit.EM;
            default -> Unit.PERCENT;
        };
        return Optional.of(new CssLength(v, unit));
    }

    /**
     * Pixels in a frame of the given size.
     *
     * @param em      pixels of one em in this context
     * @param percent pixels that 100 % stands for in this context
     * @param bare    what a bare number multiplies: 1 where it means pixels, the font size where it is a factor
     */
    public double toPixels(int frameWidth, int frameHeight, double em, double percent, double bare) {
        return switch (unit) {
            case PX -> value;
            case VW -> value * frameWidth / 100.0;
            case VH -> value * frameHeight / 100.0;
            case EM -> value * em;
            case PERCENT -> value * percent / 100.0;
            case NUMBER -> value * bare;
        };
    }

    @Override
    public String toString() {
        String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return switch (unit) {
            case PX -> v + "px";
            case VW -> v + "vw";
            case VH -> v + "vh";
            case EM -> v + "em";
            case PERCENT -> v + "%";
            case NUMBER -> v;
        };
    }
}
