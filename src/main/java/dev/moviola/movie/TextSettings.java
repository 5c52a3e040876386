package dev.moviola.movie;

import java.util.List;

/**
 * How a text element looks, in the format's CSS-like terms.
 *
 * @param fontFamily    family name, or null for the default font
 * @param fontUrl       a TTF/OTF to load, or null
 * @param lineHeight    null for "normal"
 * @param padding       space inside the box, top/right/bottom/left
 * @param horizontalAlign where the block of lines sits across the box (its widest line against the box's width);
 *                      null: as its {@code text-align} says
 * @param pillColor     style 013's pill colour
 */
public record TextSettings(
        String fontFamily,
        String fontUrl,
        CssLength fontSize,
        int fontWeight,
        Color color,
        Color backgroundColor,
        TextAlign textAlign,
        VerticalAlign verticalAlign,
        CssLength lineHeight,
        CssLength letterSpacing,
        List<TextShadow> textShadow,
        TextTransform textTransform,
        List<CssLength> padding,
        HorizontalAlign horizontalAlign,
        Color pillColor) {

    public static final CssLength DEFAULT_FONT_SIZE = new CssLength(4, CssLength.Unit.VW);

    public static final TextSettings DEFAULT = new TextSettings(null, null, DEFAULT_FONT_SIZE, 400, Color.WHITE,
            Color.TRANSPARENT, TextAlign.CENTER, VerticalAlign.CENTER, null, CssLength.ZERO, List.of(),
            TextTransform.NONE, List.of(CssLength.ZERO, CssLength.ZERO, CssLength.ZERO, CssLength.ZERO), null,
            Color.WHITE);

    public TextSettings {
        textShadow = List.copyOf(textShadow);
        padding = List.copyOf(padding);
    }

    /** The same settings with another {@code font-url}. */
    public TextSettings withFontUrl(String url) {
        return new TextSettings(fontFamily, url, fontSize, fontWeight, color, backgroundColor, textAlign, verticalAlign,
                lineHeight, letterSpacing, textShadow, textTransform, padding, horizontalAlign, pillColor);
    }

    /** Where the block sits across the box: {@code horizontal-align}, else what {@code text-align} implies. */
    public HorizontalAlign blockAlign() {
        if (horizontalAlign != null) {
            return horizontalAlign;
        }
        return switch (textAlign) {
            case LEFT -> HorizontalAlign.LEFT;
            case RIGHT -> HorizontalAlign.RIGHT;
            case CENTER, JUSTIFY -> HorizontalAlign.CENTER;
        };
    }

    /** Horizontal alignment of lines inside the box. */
    public enum TextAlign { LEFT, CENTER, RIGHT, JUSTIFY }

    /** Horizontal placement of the text block inside the box. */
    public enum HorizontalAlign { LEFT, CENTER, RIGHT }

    /** Vertical placement of the text block inside the box. */
    public enum VerticalAlign { TOP, CENTER, BOTTOM }

    /** CSS text-transform. */
    public enum TextTransform { NONE, UPPERCASE, LOWERCASE, CAPITALIZE }

    /** One CSS text-shadow layer. */
    public record TextShadow(CssLength offsetX, CssLength offsetY, CssLength blur, Color color) {
    }
}
