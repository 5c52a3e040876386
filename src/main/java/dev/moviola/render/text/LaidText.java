package dev.moviola.render.text;

import dev.moviola.movie.Problem;
import dev.moviola.movie.TextSettings;
import dev.moviola.movie.TextSettings.TextShadow;
import java.awt.AlphaComposite;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * A text element laid out in its box, ready to be drawn whole (a still) or in parts (a style's letters, words or
 * lines, each with its own shadows, for an animation). Coordinates are the canvas's: the box plus a margin on every
 * side for shadows that spill out of it; {@link #canvasX()}/{@link #canvasY()} place the canvas in the frame.
 */
public final class LaidText {
    /** What a style moves separately. */
    public enum Kind { BLOCK, LINE, WORD, LETTER }

    /** One line where it is drawn: its layout, the x of its start and its baseline, its top. */
    private record Placed(TextBlock.Line line, TextLayout layout, double x, double baseline, double top) {
    }

    /**
     * A part of the text and its picture.
     *
     * @param index    its place in reading order
     * @param line     the line it is on
     * @param box      its glyphs' box (the advance of its characters, the line's height)
     * @param lineBox  its line across the whole box
     * @param baseline the y of its line's baseline
     * @param sprite   its glyphs and shadows, alone, placed where they are drawn at rest
     */
    public record Part(int index, int line, Rectangle2D box, Rectangle2D lineBox, double baseline, Sprite sprite) {
    }

    final TextSettings s;
    /** The font and its fallbacks, at the text's size. */
    final List<Font> fonts;
    /** Padding inside the box: top, right, bottom, left. */
    final double[] pad;
    final TextBlock block;
    private final float size;
    private final int frameW;
    private final int frameH;
    final Rectangle box;
    private final int canvasX;
    private final int canvasY;
    private final int canvasW;
    final int canvasH;
    private final List<Placed> placed = new ArrayList<>();
    private final List<Problem> warnings;

    LaidText(TextSettings s, List<Font> fonts, TextBlock block, float size, int frameW, int frameH,
            Rectangle boxInFrame, double[] pad, int spill, List<Problem> warnings) {
        this.s = s;
        this.fonts = List.copyOf(fonts);
        this.pad = pad.clone();
        this.block = block;
        this.size = size;
        this.frameW = frameW;
        this.frameH = frameH;
        this.box = new Rectangle(spill, spill, boxInFrame.width, boxInFrame.height);
        this.canvasX = boxInFrame.x - spill;
        this.canvasY = boxInFrame.y - spill;
        this.canvasW = boxInFrame.width + 2 * spill;
        this.canvasH = boxInFrame.height + 2 * spill;
        this.warnings = List.copyOf(warnings);
        double contentW = boxInFrame.width - pad[1] - pad[3];
        double contentH = boxInFrame.height - pad[0] - pad[2];
        // The block is as wide as its widest line, or the whole width when a paragraph wrapped (CSS's shrink-to-fit).
        double blockW = block.wrapped() ? contentW : Math.min(contentW, block.width());
        double blockLeft = spill + pad[3] + switch (s.blockAlign()) {
            case LEFT -> 0;
            case CENTER -> (contentW - blockW) / 2;
            case RIGHT -> contentW - blockW;
        };
        double y = spill + pad[0] + switch (s.verticalAlign()) {
            case TOP -> 0;
            case CENTER -> (contentH - block.height()) / 2;
            case BOTTOM -> contentH - block.height();
        };
        for (TextBlock.Line line : block.lines) {
            TextLayout layout = line.layout();
            if (layout != null) {
                float lineWidth = line.width();
                if (s.textAlign() == TextSettings.TextAlign.JUSTIFY && !line.lastOfParagraph() && blockW > lineWidth) {
                    layout = layout.getJustifiedLayout((float) blockW);
                    lineWidth = (float) blockW;
                }
                double x = blockLeft + switch (s.textAlign()) {
                    case LEFT, JUSTIFY -> 0;
                    case CENTER -> (blockW - lineWidth) / 2;
                    case RIGHT -> blockW - lineWidth;
                };
                double baseline = y + (block.lineHeight - (block.ascent + block.descent)) / 2 + block.ascent;
                placed.add(new Placed(line, layout, x, baseline, y));
            }
            y += block.lineHeight;
        }
    }

    public int canvasX() {
        return canvasX;
    }

    public int canvasY() {
        return canvasY;
    }

    public int canvasWidth() {
        return canvasW;
    }

    public int canvasHeight() {
        return canvasH;
    }

    /** The element's box on the canvas. */
    public Rectangle box() {
        return new Rectangle(box);
    }

    /** The font size in pixels (what {@code em} means for this text). */
    public float fontSize() {
        return size;
    }

    public int frameWidth() {
        return frameW;
    }

    public int frameHeight() {
        return frameH;
    }

    public TextSettings settings() {
        return s;
    }

    public List<Problem> warnings() {
        return warnings;
    }

    /** The smallest rectangle holding every line's glyphs (advance × line height), or null for no text. */
    public Rectangle2D textBounds() {
        Rectangle2D all = null;
        for (Placed p : placed) {
            Rectangle2D r = new Rectangle2D.Double(p.x, p.top, p.layout.getAdvance(), block.lineHeight);
            all = all == null ? r : all.createUnion(r);
        }
        return all;
    }

    /** The text at rest: background, shadows, glyphs; null when nothing shows. */
    public RasterText rest() {
        BufferedImage canvas = drawAll(null);
        Rectangle ink = TextRasterizer.inkBounds(canvas);
        if (ink == null) {
            return new RasterText(null, canvasX, canvasY, warnings);
        }
        return new RasterText(canvas.getSubimage(ink.x, ink.y, ink.width, ink.height), canvasX + ink.x,
                canvasY + ink.y, warnings);
    }

    /**
     * The whole canvas at rest.
     *
     * @param wordPadding null: the background fills the box; else it is drawn behind each word instead, widened by
     *                    this many pixels on each side (style 011)
     */
    public BufferedImage drawAll(Double wordPadding) {
        BufferedImage canvas = new BufferedImage(canvasW, canvasH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            TextRasterizer.hints(g);
            if (wordPadding == null) {
                drawBackground(g);
            } else if (s.backgroundColor().alpha() > 0) {
                g.setColor(s.backgroundColor().toAwt());
                for (Part w : parts(Kind.WORD, false)) {
                    g.fill(new Rectangle2D.Double(w.box.getX() - wordPadding, w.box.getY(),
                            w.box.getWidth() + 2 * wordPadding, w.box.getHeight()));
                }
            }
            drawGlyphs(g, canvasW, canvasH, -1, null, 0, 0);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** The box's background colour, if it has one. */
    public void drawBackground(Graphics2D g) {
        if (s.backgroundColor().alpha() > 0) {
            g.setColor(s.backgroundColor().toAwt());
            g.fill(box);
        }
    }

    /**
     * Shadows then glyphs, clipped to the box as at rest, on a picture of {@code w × h} through {@code g}, the canvas
     * shifted by {@code dx, dy}.
     *
     * @param line  the only line to draw, or -1 for all
     * @param part  only the glyphs inside it are drawn (their shadows fall where they fall), or null for all
     */
    private void drawGlyphs(Graphics2D g, int w, int h, int line, Shape part, double dx, double dy) {
        for (int i = s.textShadow().size() - 1; i >= 0; i--) {
            TextShadow sh = s.textShadow().get(i);
            BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D sg = layer.createGraphics();
            TextRasterizer.hints(sg);
            sg.translate(dx, dy);
            sg.clip(box);
            sg.translate(px(sh.offsetX()), px(sh.offsetY()));
            if (part != null) {
                sg.clip(part);
            }
            sg.setColor((sh.color() != null ? sh.color() : s.color()).toAwt());
            drawLines(sg, line);
            sg.dispose();
            Blur.apply(layer, (float) px(sh.blur()));
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(layer, 0, 0, null);
        }
        Graphics2D tg = (Graphics2D) g.create();
        tg.translate(dx, dy);
        tg.clip(box);
        if (part != null) {
            tg.clip(part);
        }
        tg.setColor(s.color().toAwt());
        drawLines(tg, line);
        tg.dispose();
    }

    private void drawLines(Graphics2D g, int line) {
        for (int i = 0; i < placed.size(); i++) {
            if (line < 0 || line == i) {
                Placed p = placed.get(i);
                p.layout.draw(g, (float) p.x, (float) p.baseline);
            }
        }
    }

    /** A length of the text's settings in pixels ({@code em}: its font size). */
    public double px(dev.moviola.movie.CssLength len) {
        return len.toPixels(frameW, frameH, size, size, 1);
    }

    /** How far shadows reach beyond the glyphs that cast them, in pixels. */
    int shadowReach() {
        return shadowReach(s, size, frameW, frameH);
    }

    static int shadowReach(TextSettings s, float size, int frameW, int frameH) {
        int reach = 0;
        for (TextShadow sh : s.textShadow()) {
            double far = Math.max(Math.abs(sh.offsetX().toPixels(frameW, frameH, size, size, 1)),
                    Math.abs(sh.offsetY().toPixels(frameW, frameH, size, size, 1)));
            reach = (int) Math.max(reach, Math.ceil(far + sh.blur().toPixels(frameW, frameH, size, size, 1) * 1.5 + 2));
        }
        return reach;
    }

    /** The text split into parts of one kind, each drawn alone (with its shadows) on a picture of its own. */
    public List<Part> parts(Kind kind) {
        return parts(kind, true);
    }

    private List<Part> parts(Kind kind, boolean draw) {
        List<Part> parts = new ArrayList<>();
        if (kind == Kind.BLOCK) {
            Rectangle2D all = textBounds();
            if (all != null) {
                parts.add(new Part(0, 0, all, all, placed.get(0).baseline, draw ? sprite(all, -1, false) : null));
            }
            return parts;
        }
        for (int li = 0; li < placed.size(); li++) {
            Placed p = placed.get(li);
            Rectangle2D lineBox = new Rectangle2D.Double(box.x, p.top, box.width, block.lineHeight);
            for (int[] range : ranges(kind, p.line.text())) {
                Rectangle2D r = highlight(p, range[0], range[1]);
                parts.add(new Part(parts.size(), li, r, lineBox, p.baseline, draw ? sprite(r, li, kind != Kind.LINE) : null));
            }
        }
        return parts;
    }

    private Rectangle2D highlight(Placed p, int from, int to) {
        Rectangle2D r = p.layout.getLogicalHighlightShape(from, to).getBounds2D();
        return new Rectangle2D.Double(p.x + r.getX(), p.top, r.getWidth(), block.lineHeight);
    }

    /**
     * The glyphs of {@code line} (-1: all) inside {@code r}'s columns when {@code columns}, else all of them, with
     * their shadows, on a picture of their own.
     */
    private Sprite sprite(Rectangle2D r, int line, boolean columns) {
        int reach = shadowReach() + (int) Math.ceil(size * 0.25);
        int x0 = (int) Math.floor(r.getX()) - reach;
        int y0 = (int) Math.floor(r.getY()) - reach;
        int w = (int) Math.ceil(r.getMaxX()) + reach - x0;
        int h = (int) Math.ceil(r.getMaxY()) + reach - y0;
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            TextRasterizer.hints(g);
            // Whole pixel columns, so that each pixel of a line belongs to exactly one part.
            Shape part = columns ? new Rectangle((int) Math.round(r.getX()), -canvasH,
                    (int) Math.round(r.getMaxX()) - (int) Math.round(r.getX()), 3 * canvasH) : null;
            drawGlyphs(g, img.getWidth(), img.getHeight(), line, part, -x0, -y0);
        } finally {
            g.dispose();
        }
        return new Sprite(img, x0, y0);
    }

    /** Character ranges of the parts of one line. */
    private static List<int[]> ranges(Kind kind, String text) {
        List<int[]> out = new ArrayList<>();
        switch (kind) {
            case BLOCK, LINE -> out.add(new int[] {0, text.length()});
            case WORD -> {
                int i = 0;
                while (i < text.length()) {
                    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    int start = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        out.add(new int[] {start, i});
                    }
                }
            }
            case LETTER -> {
                BreakIterator it = BreakIterator.getCharacterInstance();
                it.setText(text);
                for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                    if (!text.substring(start, end).isBlank()) {
                        out.add(new int[] {start, end});
                    }
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return out;
    }
}
