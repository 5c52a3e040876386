package dev.moviola.render.text;

import dev.moviola.movie.Color;
import dev.moviola.movie.Position;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.movie.SubtitleSettings.CaptionPlacement;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import dev.moviola.plan.CaptionLook;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws one look of a caption with Java2D onto a transparent picture of the whole frame: the words of a cue laid out
 * once (so words that appear one by one do not move), some of them shown, one of them the word being spoken. Fonts
 * and fallbacks as for text elements; an outline stroked under the letters; a hard shadow of everything drawn.
 */
public final class CaptionPainter {
    private final SubtitleSettings settings;
    private final int width;
    private final int height;
    private final float size;
    private final List<Font> chain;
    private final float space;
    private final double pad;
    private final BitSet missing = new BitSet();
    private final List<String> warnings = new ArrayList<>();
    private final Map<List<String>, Layout> layouts = new HashMap<>();

    /** Where the words of a cue go: each word's layout and box (its advance × the line height), in frame pixels. */
    public record Layout(List<TextLayout> words, List<Rectangle2D> boxes, List<Double> baselines) {
    }

    private CaptionPainter(SubtitleSettings settings, int width, int height, float size, List<Font> chain) {
        this.settings = settings;
        this.width = width;
        this.height = height;
        this.size = size;
        this.chain = chain;
        this.space = new TextLayout(" ", chain.get(0), TextBlock.FRC).getAdvance();
        boolean boxed = settings.style() == CaptionStyle.BOXED_LINE || settings.style() == CaptionStyle.BOXED_WORD;
        this.pad = boxed ? CaptionLook.BOX_PADDING_EM * size : 0;
    }

    /**
     * @param fontFile the downloaded {@code font-url}, or null (then the family, or the default font)
     */
    public static CaptionPainter create(SubtitleSettings s, int width, int height, FontCatalog fonts, Path fontFile)
            throws IOException {
        float size = (float) CaptionLook.fontPixels(s, width, height);
        List<String> notes = new ArrayList<>();
        Font primary;
        if (fontFile != null) {
            primary = fonts.fromFile(fontFile, CaptionLook.FONT_FILE_WEIGHT, size);
        } else if (s.fontFamily() != null) {
            primary = fonts.find(s.fontFamily(), CaptionLook.WEIGHT, size).orElse(null);
            if (primary == null) {
                notes.add("font \"" + s.fontFamily() + "\" is not installed here; the captions use "
                        + FontCatalog.DEFAULT_FAMILY + " (add the font file to a font directory, or give its URL as font-url)");
                primary = fonts.defaultFont(CaptionLook.WEIGHT, size);
            }
        } else {
            primary = fonts.defaultFont(CaptionLook.WEIGHT, size);
        }
        List<Font> chain = new ArrayList<>();
        chain.add(primary);
        chain.addAll(fonts.fallbacks(CaptionLook.WEIGHT, size));
        CaptionPainter p = new CaptionPainter(s, width, height, size, chain);
        p.warnings.addAll(notes);
        return p;
    }

    /** What went wrong so far: a missing font, characters no font can draw. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        if (!missing.isEmpty()) {
            StringBuilder cps = new StringBuilder();
            missing.stream().limit(5).forEach(cp -> cps.append(String.format(Locale.ROOT, " U+%04X", cp)));
            all.add("no installed font can draw" + cps + " in the captions; install a font that covers them "
                    + "(e.g. fonts-noto) or add one with font-url");
        }
        return all;
    }

    /**
     * Lays the words out as one line, or, when that is wider than the frame between its margins, as two lines of
     * about equal width (more only if two still do not fit), placed as the settings say.
     */
    public Layout layout(List<String> words) {
        return layouts.computeIfAbsent(List.copyOf(words), this::place);
    }

    private Layout place(List<String> words) {
        List<TextLayout> layouts = new ArrayList<>();
        float ascent = 0;
        float descent = 0;
        float lineHeight = 0;
        for (String w : words) {
            TextBlock b = TextBlock.layout(w, chain, Float.NaN, 0, Float.MAX_VALUE);
            missing.or(b.missing);
            layouts.add(b.lines.get(0).layout());
            ascent = b.ascent;
            descent = b.descent;
            lineHeight = b.lineHeight;
        }
        CaptionPlacement p = settings.placement();
        double margin = width * Position.MARGIN;
        double room = (p.custom() ? Math.min(width - 2 * margin, width - p.x()) : width - 2 * margin) - 2 * pad;
        double[] widths = layouts.stream().mapToDouble(TextLayout::getAdvance).toArray();
        List<int[]> lines = CaptionWrap.lines(widths, space, room);

        double blockW = 0;
        for (int[] l : lines) {
            blockW = Math.max(blockW, CaptionWrap.width(widths, space, l[0], l[1]));
        }
        blockW += 2 * pad;
        double blockH = lines.size() * lineHeight + 2 * pad;
        double left = p.custom() ? p.x() : anchor(p.horizontal(), width, blockW);
        double top = p.custom() ? p.y() : anchor(p.vertical(), height, blockH);
        // Lines sit against the side the block is anchored to; custom blocks centre their lines.
        double align = p.custom() ? 0.5 : p.horizontal();
        boolean rtl = rightToLeft(String.join(" ", words));

        Rectangle2D[] boxes = new Rectangle2D[words.size()];
        Double[] baselines = new Double[words.size()];
        for (int li = 0; li < lines.size(); li++) {
            int[] l = lines.get(li);
            double lineW = CaptionWrap.width(widths, space, l[0], l[1]);
            double x = left + pad + align * (blockW - 2 * pad - lineW);
            double lineTop = top + pad + li * lineHeight;
            double baseline = lineTop + (lineHeight - (ascent + descent)) / 2 + ascent;
            for (int k = 0; k < l[1] - l[0]; k++) {
                int i = rtl ? l[1] - 1 - k : l[0] + k; // right-to-left text reads from the right
                boxes[i] = new Rectangle2D.Double(x, lineTop, widths[i], lineHeight);
                baselines[i] = baseline;
                x += widths[i] + space;
            }
        }
        return new Layout(List.copyOf(layouts), List.of(boxes), List.of(baselines));
    }

    /** Like visual elements' presets: against the anchor between the 5 % margins. */
    private static double anchor(double fraction, int frame, double box) {
        double margin = frame * Position.MARGIN;
        return Math.round(margin + fraction * (frame - 2 * margin - box));
    }

    private static boolean rightToLeft(String text) {
        Bidi bidi = new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        return !bidi.baseIsLeftToRight();
    }

    /**
     * The frame-sized picture of the words {@code [from, to)} of {@code words}, with word {@code current} (or -1) the
     * one being spoken: in {@code word-color}, and for {@code boxed-word} on the box.
     */
    public BufferedImage draw(List<String> words, int from, int to, int current) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        if (from >= to) {
            return frame;
        }
        Layout layout = layout(words);
        Rectangle2D ink = null;
        for (int i = from; i < to; i++) {
            ink = ink == null ? layout.boxes().get(i) : ink.createUnion(layout.boxes().get(i));
        }
        // Room around the words for box padding, outline, shadow and glyphs reaching past their line.
        double reach = pad + Math.max(0, settings.outlineWidth()) + Math.max(0, settings.shadowOffset()) + size;
        Rectangle area = ink.getBounds();
        area.grow((int) Math.ceil(reach), (int) Math.ceil(reach));
        area = area.intersection(new Rectangle(0, 0, width, height));
        if (area.isEmpty()) {
            return frame;
        }
        BufferedImage words1 = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = words1.createGraphics();
        try {
            TextRasterizer.hints(g);
            g.translate(-area.x, -area.y);
            paint(g, layout, from, to, current);
        } finally {
            g.dispose();
        }
        Graphics2D f = frame.createGraphics();
        try {
            double offset = Math.max(0, settings.shadowOffset());
            if (offset > 0 && settings.shadowColor().alpha() > 0) {
                f.drawImage(silhouette(words1, settings.shadowColor()), area.x + (int) Math.round(offset),
                        area.y + (int) Math.round(offset), null);
            }
            f.drawImage(words1, area.x, area.y, null);
        } finally {
            f.dispose();
        }
        return frame;
    }

    private void paint(Graphics2D g, Layout layout, int from, int to, int current) {
        CaptionStyle style = settings.style();
        double radius = 2 * CaptionLook.BOX_RADIUS_EM * size;
        if (style == CaptionStyle.BOXED_LINE) {
            g.setColor(settings.boxColor().toAwt());
            g.fill(lineBoxes(layout, from, to, radius));
        } else if (style == CaptionStyle.BOXED_WORD && current >= from && current < to) {
            Rectangle2D r = layout.boxes().get(current);
            g.setColor(settings.boxColor().toAwt());
            g.fill(new RoundRectangle2D.Double(r.getX() - pad, r.getY() - pad, r.getWidth() + 2 * pad,
                    r.getHeight() + 2 * pad, radius, radius));
        }
        for (int i = from; i < to; i++) {
            Color fill = i == current ? settings.wordColor() : settings.lineColor();
            Shape glyphs = layout.words().get(i).getOutline(AffineTransform.getTranslateInstance(
                    layout.boxes().get(i).getX(), layout.baselines().get(i)));
            double outline = settings.outlineWidth();
            if (outline > 0 && settings.outlineColor().alpha() > 0) {
                Shape ring = new BasicStroke((float) (2 * outline), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                        .createStrokedShape(glyphs);
                if (fill.alpha() < 255) {
                    // Only outside the letters: a see-through fill must not show the inner half of the stroke.
                    Area outside = new Area(ring);
                    outside.subtract(new Area(glyphs));
                    ring = outside;
                }
                g.setColor(settings.outlineColor().toAwt());
                g.fill(ring);
            }
            g.setColor(fill.toAwt());
            g.fill(glyphs);
        }
    }

    /**
     * The box of each line, from its first shown word to its last, padded; the lines' boxes merged into one shape, so
     * a translucent box is not darker where two lines' boxes overlap.
     */
    private Area lineBoxes(Layout layout, int from, int to, double radius) {
        Area box = new Area();
        Rectangle2D line = null;
        for (int i = from; i < to; i++) {
            Rectangle2D r = layout.boxes().get(i);
            if (line != null && Math.abs(line.getY() - r.getY()) < 0.5) {
                line = line.createUnion(r);
                continue;
            }
            if (line != null) {
                box.add(padded(line, radius));
            }
            line = r;
        }
        if (line != null) {
            box.add(padded(line, radius));
        }
        return box;
    }

    private Area padded(Rectangle2D r, double radius) {
        return new Area(new RoundRectangle2D.Double(r.getX() - pad, r.getY() - pad, r.getWidth() + 2 * pad,
                r.getHeight() + 2 * pad, radius, radius));
    }

    /** The picture's shape in one colour, its opacity scaled by the picture's own. */
    private static BufferedImage silhouette(BufferedImage img, Color c) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        int rgb = c.red() << 16 | c.green() << 8 | c.blue();
        for (int i = 0; i < px.length; i++) {
            int a = (px[i] >>> 24) * c.alpha() / 255;
            px[i] = a << 24 | rgb;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, px, 0, w);
        return out;
    }
}
