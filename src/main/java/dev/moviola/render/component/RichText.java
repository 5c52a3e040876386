package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.render.text.TextRasterizer;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A component's text: a string or an array of paragraphs, with the little HTML JSON2Video's components take
 * ({@code <b>}/{@code <strong>} bold, {@code <em>}/{@code <i>} italic, {@code <br>} a line break, entities), wrapped to a
 * width and drawn with the group's font, colour, shadow and stroke.
 */
final class RichText {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([a-zA-Z0-9]+)[^>]*>");

    /** Laid-out lines and their size. */
    record Block(List<TextLayout> lines, List<Float> widths, float lineHeight, float width, float height, String align,
            java.awt.Color color, Css.Shadow shadow, Css.Shadow stroke) {
    }

    private RichText() {
    }

    /** The paragraphs of a {@code text} value: an array's items, or one string. */
    static List<String> paragraphs(JsonNode text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isNull()) {
            return out;
        }
        if (text.isArray()) {
            text.forEach(t -> out.add(t.asText()));
        } else {
            out.add(text.asText());
        }
        return out;
    }

    /** Plain characters of a text with its tags dropped (for counting and measuring). */
    static String plain(String html) {
        return entities(TAG.matcher(html).replaceAll(""));
    }

    static Font font(FontCatalog fonts, Css css, float size, int weightOverride) {
        String family = css.text("font-family", FontCatalog.DEFAULT_FAMILY).split(",")[0].trim().replace("\"", "")
                .replace("'", "");
        int weight = weightOverride > 0 ? weightOverride : weight(css.text("font-weight", "400"));
        return fonts.find(family, weight, size).orElseGet(() -> fonts.defaultFont(weight, size));
    }

    static int weight(String w) {
        String s = w.trim().toLowerCase(Locale.ROOT);
        if (s.equals("bold") || s.equals("bolder")) {
            return 700;
        }
        if (s.equals("normal") || s.equals("lighter")) {
            return 400;
        }
        try {
            return Math.max(100, Math.min(900, (int) Double.parseDouble(s)));
        } catch (NumberFormatException e) {
            return 400;
        }
    }

    /** Lays out the paragraphs in {@code wrap} px with the group's font (size in px). */
    static Block layout(List<String> paragraphs, Css css, FontCatalog fonts, float size, double wrap) {
        Font regular = font(fonts, css, size, 0);
        int w = weight(css.text("font-weight", "400"));
        Font bold = font(fonts, css, size, Math.max(700, w));
        String transform = css.text("text-transform", "none").trim().toLowerCase(Locale.ROOT);
        float lineHeight = (float) css.length("line-height", size * 1.2, size, size);
        String lh = css.text("line-height", null);
        if (lh != null && lh.trim().matches("[0-9.]+")) {
            lineHeight = (float) (Double.parseDouble(lh.trim()) * size);
        }
        List<TextLayout> lines = new ArrayList<>();
        List<Float> widths = new ArrayList<>();
        float width = 0;
        for (String p : paragraphs) {
            for (String piece : p.split("(?i)<\\s*br\\s*/?\\s*>|\n", -1)) {
                AttributedString as = styled(piece, regular, bold, transform);
                if (as == null) {
                    lines.add(null);
                    widths.add(0f);
                    continue;
                }
                LineBreakMeasurer m = new LineBreakMeasurer(as.getIterator(), FRC);
                int end = as.getIterator().getEndIndex();
                while (m.getPosition() < end) {
                    TextLayout l = m.nextLayout((float) Math.max(1, wrap));
                    float lw = l.getAdvance() - trailing(l);
                    lines.add(l);
                    widths.add(lw);
                    width = Math.max(width, lw);
                }
            }
        }
        Css.Shadow stroke = css.border("text-stroke", size);
        return new Block(lines, widths, lineHeight, width, lineHeight * lines.size(),
                css.text("text-align", "left").trim().toLowerCase(Locale.ROOT),
                css.color("color", java.awt.Color.WHITE), css.shadow("text-shadow", size).orElse(null), stroke);
    }

    private static float trailing(TextLayout l) {
        return l.getAdvance() - l.getVisibleAdvance();
    }

    private static AttributedString styled(String html, Font regular, Font bold, String transform) {
        StringBuilder text = new StringBuilder();
        List<int[]> boldRuns = new ArrayList<>();
        List<int[]> italicRuns = new ArrayList<>();
        int boldDepth = 0;
        int italicDepth = 0;
        int last = 0;
        Matcher m = TAG.matcher(html);
        List<Object[]> marks = new ArrayList<>();
        while (m.find()) {
            text.append(entities(html.substring(last, m.start())));
            last = m.end();
            String tag = m.group(2).toLowerCase(Locale.ROOT);
            boolean close = !m.group(1).isEmpty();
            marks.add(new Object[] {text.length(), tag, close});
        }
        text.append(entities(html.substring(last)));
        String t = switch (transform) {
            case "uppercase" -> text.toString().toUpperCase(Locale.ROOT);
            case "lowercase" -> text.toString().toLowerCase(Locale.ROOT);
            default -> text.toString();
        };
        if (t.isEmpty()) {
            return null;
        }
        int boldFrom = 0;
        int italicFrom = 0;
        for (Object[] mark : marks) {
            int at = (int) mark[0];
            String tag = (String) mark[1];
            boolean close = (boolean) mark[2];
            if (tag.equals("b") || tag.equals("strong")) {
                if (!close && boldDepth++ == 0) {
                    boldFrom = at;
                } else if (close && boldDepth > 0 && --boldDepth == 0) {
                    boldRuns.add(new int[] {boldFrom, at});
                }
            } else if (tag.equals("em") || tag.equals("i")) {
                if (!close && italicDepth++ == 0) {
                    italicFrom = at;
                } else if (close && italicDepth > 0 && --italicDepth == 0) {
                    italicRuns.add(new int[] {italicFrom, at});
                }
            }
        }
        if (boldDepth > 0) {
            boldRuns.add(new int[] {boldFrom, t.length()});
        }
        if (italicDepth > 0) {
            italicRuns.add(new int[] {italicFrom, t.length()});
        }
        Font[] perChar = new Font[t.length()];
        java.util.Arrays.fill(perChar, regular);
        for (int[] r : boldRuns) {
            for (int i = r[0]; i < Math.min(r[1], t.length()); i++) {
                perChar[i] = bold;
            }
        }
        for (int[] r : italicRuns) {
            for (int i = r[0]; i < Math.min(r[1], t.length()); i++) {
                perChar[i] = perChar[i].deriveFont(AffineTransform.getShearInstance(-0.2, 0));
            }
        }
        AttributedString as = new AttributedString(t);
        int from = 0;
        for (int i = 1; i <= t.length(); i++) {
            if (i == t.length() || !perChar[i].equals(perChar[from])) {
                as.addAttribute(TextAttribute.FONT, perChar[from], from, i);
                from = i;
            }
        }
        return as;
    }

    static String entities(String s) {
        return s.replace("&nbsp;", "\u00a0").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Draws the block with its top-left at 0,0 in a box {@code width} wide (lines aligned in it). */
    static void draw(Graphics2D g, Block b, double width) {
        TextRasterizer.hints(g);
        float y = 0;
        for (int i = 0; i < b.lines().size(); i++) {
            TextLayout l = b.lines().get(i);
            if (l != null) {
                float lw = b.widths().get(i);
                double x = switch (b.align()) {
                    case "center" -> (width - lw) / 2;
                    case "right", "end" -> width - lw;
                    default -> 0;
                };
                float baseline = y + (b.lineHeight() - (l.getAscent() + l.getDescent())) / 2 + l.getAscent();
                Shape outline = l.getOutline(AffineTransform.getTranslateInstance(x, baseline));
                if (b.shadow() != null) {
                    g.setColor(b.shadow().color());
                    g.fill(AffineTransform.getTranslateInstance(b.shadow().x(), b.shadow().y()).createTransformedShape(outline));
                }
                if (b.stroke() != null) {
                    g.setColor(b.stroke().color());
                    g.setStroke(new BasicStroke((float) b.stroke().x() * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(outline);
                }
                g.setColor(b.color());
                g.fill(outline);
            }
            y += b.lineHeight();
        }
    }

    /** The block drawn on a picture {@code width × height(block)}. */
    static BufferedImage picture(Block b, double width) {
        BufferedImage img = new BufferedImage(Math.max(1, (int) Math.ceil(width)), Math.max(1, (int) Math.ceil(b.height())),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        draw(g, b, width);
        g.dispose();
        return img;
    }
}
