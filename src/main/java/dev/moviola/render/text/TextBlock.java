package dev.moviola.render.text;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Text broken into lines that fit a width: paragraphs at newlines, then word wrap (Unicode line breaking,
 * so CJK wraps between characters); each character in the first font of the chain that has a glyph for it.
 */
final class TextBlock {
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /** One laid-out line and its characters; null layout for an empty line. */
    record Line(TextLayout layout, float width, boolean lastOfParagraph, String text) {
    }

    final List<Line> lines;
    final float lineHeight;
    final float ascent;
    final float descent;
    /** Code points no font could draw. */
    final BitSet missing;

    private TextBlock(List<Line> lines, float lineHeight, float ascent, float descent, BitSet missing) {
        this.lines = lines;
        this.lineHeight = lineHeight;
        this.ascent = ascent;
        this.descent = descent;
        this.missing = missing;
    }

    float width() {
        float w = 0;
        for (Line l : lines) {
            w = Math.max(w, l.width);
        }
        return w;
    }

    /** Whether a paragraph had to wrap: the block then takes the whole width it was given, as in CSS. */
    boolean wrapped() {
        return lines.stream().anyMatch(l -> !l.lastOfParagraph);
    }

    float height() {
        return lines.size() * lineHeight;
    }

    /**
     * @param fonts       the chosen font first, then fallbacks; all at the same size
     * @param lineHeight  pixels per line, or NaN for the font's own ("normal")
     * @param tracking    letter-spacing as a fraction of the font size
     * @param wrapWidth   width lines must fit
     */
    static TextBlock layout(String text, List<Font> fonts, float lineHeight, float tracking, float wrapWidth) {
        Font primary = fonts.get(0);
        LineMetrics lm = primary.getLineMetrics("Hg", FRC);
        float lh = Float.isNaN(lineHeight) ? lm.getAscent() + lm.getDescent() + lm.getLeading() : lineHeight;
        List<Line> lines = new ArrayList<>();
        BitSet missing = new BitSet();
        float wrap = Math.max(1, wrapWidth);
        for (String paragraph : text.split("\n", -1)) {
            if (paragraph.isEmpty()) {
                lines.add(new Line(null, 0, true, ""));
                continue;
            }
            AttributedString as = attributed(paragraph, fonts, tracking, missing);
            LineBreakMeasurer measurer = new LineBreakMeasurer(as.getIterator(), BreakIterator.getLineInstance(), FRC);
            List<Line> para = new ArrayList<>();
            while (measurer.getPosition() < paragraph.length()) {
                int from = measurer.getPosition();
                TextLayout tl = measurer.nextLayout(wrap);
                para.add(new Line(tl, tl.getVisibleAdvance(), false, paragraph.substring(from, measurer.getPosition())));
            }
            if (!para.isEmpty()) {
                Line last = para.remove(para.size() - 1);
                para.add(new Line(last.layout, last.width, true, last.text));
            }
            lines.addAll(para);
        }
        return new TextBlock(lines, lh, lm.getAscent(), lm.getDescent(), missing);
    }

    /** Assigns each character the first font that can draw it; marks and joiners stay with their base. */
    private static AttributedString attributed(String s, List<Font> fonts, float tracking, BitSet missing) {
        AttributedString as = new AttributedString(s);
        int runStart = 0;
        int runFont = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int f = fontFor(cp, fonts);
            if (f < 0) {
                if (runFont >= 0 && isAttachment(cp)) {
                    f = runFont;
                } else {
                    f = fonts.size() - 1;
                    if (!Character.isWhitespace(cp) && !isAttachment(cp)) {
                        missing.set(cp);
                    }
                }
            } else if (runFont >= 0 && isAttachment(cp)) {
                f = runFont;
            }
            if (f != runFont) {
                if (runFont >= 0) {
                    as.addAttribute(TextAttribute.FONT, fonts.get(runFont), runStart, i);
                }
                runStart = i;
                runFont = f;
            }
            i += Character.charCount(cp);
        }
        as.addAttribute(TextAttribute.FONT, fonts.get(Math.max(runFont, 0)), runStart, s.length());
        if (tracking != 0) {
            as.addAttribute(TextAttribute.TRACKING, tracking);
        }
        return as;
    }

    private static int fontFor(int cp, List<Font> fonts) {
        for (int i = 0; i < fonts.size(); i++) {
            if (fonts.get(i).canDisplay(cp)) {
                return i;
            }
        }
        return -1;
    }

    /** Code points drawn as part of the preceding character: marks, joiners, variation selectors, skin tones. */
    private static boolean isAttachment(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || cp == 0x200D || cp == 0x200C
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
