package dev.moviola.render.text;

import dev.moviola.movie.Position;
import dev.moviola.movie.Problem;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.TextSettings;
import dev.moviola.movie.Visual;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a text element with Java2D into a transparent picture: fonts and fallbacks, wrapping inside the
 * element's box, alignment, padding, background, shadows. The text itself never reaches ffmpeg, so no
 * character can break a filter graph.
 */
public final class TextRasterizer {
    /** What 1em means for font-size, as in a browser (16 px root font size). */
    static final double ROOT_EM = 16;

    private final FontCatalog fonts;

    public TextRasterizer(FontCatalog fonts) {
        this.fonts = fonts;
    }

    /**
     * The text drawn at rest, cropped to its ink.
     *
     * @param fontFile the downloaded {@code font-url}, or null
     */
    public RasterText rasterize(TextElement e, int frameW, int frameH, Path fontFile) throws IOException {
        return layout(e, frameW, frameH, fontFile).rest();
    }

    /**
     * The text laid out in its box: fonts and fallbacks, wrapping, alignment, padding; problems (a cut-off text, a
     * missing glyph) are among its warnings.
     *
     * @param fontFile the downloaded {@code font-url}, or null
     */
    public LaidText layout(TextElement e, int frameW, int frameH, Path fontFile) throws IOException {
        TextSettings s = e.settings();
        List<Problem> warnings = new ArrayList<>();
        float size = (float) s.fontSize().toPixels(frameW, frameH, ROOT_EM, ROOT_EM, 1);
        Font primary = primaryFont(e, size, fontFile, warnings);
        List<Font> chain = new ArrayList<>();
        chain.add(primary);
        chain.addAll(fonts.fallbacks(s.fontWeight(), size));

        double[] pad = new double[4];
        for (int i = 0; i < 4; i++) {
            pad[i] = Math.max(0, s.padding().get(i).toPixels(frameW, frameH, size, frameW, 1));
        }
        double padX = pad[1] + pad[3];
        double padY = pad[0] + pad[2];
        Visual v = e.visual();
        boolean preset = v.position().isPreset();
        double margin = Position.MARGIN;
        double wrap = v.width() != null ? v.width() - padX : (preset ? frameW * (1 - 2 * margin) : frameW) - padX;
        float lineHeight = s.lineHeight() == null ? Float.NaN
                : (float) s.lineHeight().toPixels(frameW, frameH, size, size, size);
        float tracking = (float) (s.letterSpacing().toPixels(frameW, frameH, size, size, 1) / size);
        TextBlock block = TextBlock.layout(transform(e.text(), s.textTransform()).replace("\r\n", "\n")
                .replace('\r', '\n').replace('\t', ' '), chain, lineHeight, tracking, (float) wrap);

        boolean fullFrame = v.width() == null && v.height() == null && !preset;
        int boxW = (int) Math.round(v.width() != null ? v.width()
                : fullFrame || !preset ? frameW : Math.ceil(block.width()) + padX);
        int boxH = (int) Math.round(v.height() != null ? v.height()
                : fullFrame ? frameH : Math.ceil(block.height()) + padY);
        int boxX = preset ? (int) Math.round(frameW * margin + v.position().horizontal * (frameW * (1 - 2 * margin) - boxW)) + v.x() : v.x();
        int boxY = preset ? (int) Math.round(frameH * margin + v.position().vertical * (frameH * (1 - 2 * margin) - boxH)) + v.y() : v.y();

        double contentH = boxH - padY;
        if (block.height() > contentH + 0.5) {
            warnings.add(Problem.warning(e.where().at("text"), String.format(Locale.ROOT,
                    "the text needs %.0f px of height but its box has %.0f px: it is cut off; use a smaller "
                            + "font-size or a larger box", block.height(), contentH)));
        }
        if (!block.missing.isEmpty()) {
            StringBuilder cps = new StringBuilder();
            block.missing.stream().limit(5).forEach(cp -> cps.append(String.format(Locale.ROOT, " U+%04X", cp)));
            warnings.add(Problem.warning(e.where().at("text"), "no installed font can draw" + cps
                    + "; install a font that covers them (e.g. fonts-noto) or add one with font-url"));
        }
        // The canvas is the box plus room for shadows, which may spill outside it.
        return new LaidText(s, chain, block, size, frameW, frameH, new Rectangle(boxX, boxY, boxW, boxH), pad,
                LaidText.shadowReach(s, size, frameW, frameH), warnings);
    }

    private Font primaryFont(TextElement e, float size, Path fontFile, List<Problem> warnings) throws IOException {
        TextSettings s = e.settings();
        if (fontFile != null) {
            try {
                return fonts.fromFile(fontFile, s.fontWeight(), size);
            } catch (IOException ex) {
                throw new IOException(e.where().key("settings").at("font-url") + ": " + ex.getMessage(), ex);
            }
        }
        if (s.fontFamily() != null) {
            return fonts.find(s.fontFamily(), s.fontWeight(), size).orElseGet(() -> {
                warnings.add(Problem.warning(e.where().key("settings").at("font-family"), "font \"" + s.fontFamily()
                        + "\" is not installed here; using " + FontCatalog.DEFAULT_FAMILY
                        + " (add the font file to a font directory, or give its URL as font-url)"));
                return fonts.defaultFont(s.fontWeight(), size);
            });
        }
        return fonts.defaultFont(s.fontWeight(), size);
    }

    static String transform(String text, TextSettings.TextTransform t) {
        return switch (t) {
            case NONE -> text;
            case UPPERCASE -> text.toUpperCase(Locale.ROOT);
            case LOWERCASE -> text.toLowerCase(Locale.ROOT);
            case CAPITALIZE -> capitalize(text);
        };
    }

    private static String capitalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean start = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            sb.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
            start = Character.isWhitespace(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    public static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** The smallest rectangle holding every pixel with some opacity, or null if there is none. */
    public static Rectangle inkBounds(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] row = new int[w];
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                if ((row[x] >>> 24) != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
