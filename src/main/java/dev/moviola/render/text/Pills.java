package dev.moviola.render.text;

import dev.moviola.movie.Problem;
import dev.moviola.movie.TextSettings.TextShadow;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Style 013's layout: the text's phrases (split at commas, {@code |} and line breaks; a text without them, at its
 * words), each on a rounded pill of {@code pill-color}, flowed in rows across the box, aligned like lines.
 */
public final class Pills {
    private Pills() {
    }

    /**
     * The pills of a laid-out text as parts (index = reading order, line = row).
     *
     * @param padY, padX space inside each pill around its text, in pixels
     * @param gap        space between pills and between rows, in pixels
     * @param where      the text's path, for warnings
     * @param warnings   told when the pills do not fit the box
     */
    public static List<LaidText.Part> of(LaidText t, String text, double padY, double padX, double gap, String where,
            List<Problem> warnings) {
        List<String> phrases = phrases(TextRasterizer.transform(text, t.s.textTransform()));
        List<TextBlock> blocks = new ArrayList<>();
        float tracking = (float) (t.px(t.s.letterSpacing()) / t.fontSize());
        for (String p : phrases) {
            blocks.add(TextBlock.layout(p, t.fonts, t.block.lineHeight, tracking, Float.MAX_VALUE));
        }
        double contentW = t.box.width - t.pad[1] - t.pad[3];
        double contentH = t.box.height - t.pad[0] - t.pad[2];
        double pillH = t.block.lineHeight + 2 * padY;
        // Rows: as many pills as fit across the content width (at least one).
        List<List<Integer>> rows = new ArrayList<>();
        List<Integer> row = new ArrayList<>();
        double used = 0;
        for (int i = 0; i < blocks.size(); i++) {
            double w = blocks.get(i).width() + 2 * padX;
            if (!row.isEmpty() && used + gap + w > contentW) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : gap) + w;
            row.add(i);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        double blockH = rows.size() * pillH + Math.max(0, rows.size() - 1) * gap;
        double widest = blocks.stream().mapToDouble(b -> b.width() + 2 * padX).max().orElse(0);
        if (widest > contentW + 0.5 || blockH > contentH + 0.5) {
            warnings.add(Problem.warning(where, String.format(Locale.ROOT, "the pills need %.0f × %.0f px but the "
                    + "box has %.0f × %.0f px: they are cut off; use a smaller font-size, shorter phrases or a larger "
                    + "box", widest, blockH, contentW, contentH)));
        }
        double y = t.box.y + t.pad[0] + switch (t.s.verticalAlign()) {
            case TOP -> 0;
            case CENTER -> (contentH - blockH) / 2;
            case BOTTOM -> contentH - blockH;
        };
        List<LaidText.Part> parts = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            double rowW = -gap;
            for (int i : rows.get(r)) {
                rowW += blocks.get(i).width() + 2 * padX + gap;
            }
            double x = t.box.x + t.pad[3] + switch (t.s.textAlign()) {
                case LEFT, JUSTIFY -> 0;
                case CENTER -> (contentW - rowW) / 2;
                case RIGHT -> contentW - rowW;
            };
            Rectangle2D rowBox = new Rectangle2D.Double(t.box.x, y, t.box.width, pillH);
            for (int i : rows.get(r)) {
                TextBlock b = blocks.get(i);
                Rectangle2D pill = new Rectangle2D.Double(x, y, b.width() + 2 * padX, pillH);
                parts.add(new LaidText.Part(parts.size(), r, pill, rowBox, y + pillH / 2, sprite(t, b, pill, padX, padY)));
                x += pill.getWidth() + gap;
            }
            y += pillH + gap;
        }
        return parts;
    }

    static List<String> phrases(String text) {
        List<String> phrases = Arrays.stream(text.split("[,|\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (phrases.size() == 1) {
            phrases = Arrays.stream(phrases.get(0).split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        return phrases;
    }

    private static Sprite sprite(LaidText t, TextBlock b, Rectangle2D pill, double padX, double padY) {
        int reach = t.shadowReach() + 2;
        int x0 = (int) Math.floor(pill.getX()) - reach;
        int y0 = (int) Math.floor(pill.getY()) - reach;
        BufferedImage img = new BufferedImage((int) Math.ceil(pill.getMaxX()) + reach - x0,
                (int) Math.ceil(pill.getMaxY()) + reach - y0, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            TextRasterizer.hints(g);
            g.translate(-x0, -y0);
            g.setColor(t.s.pillColor().toAwt());
            g.fill(new RoundRectangle2D.Double(pill.getX(), pill.getY(), pill.getWidth(), pill.getHeight(),
                    pill.getHeight(), pill.getHeight()));
            TextLayout layout = b.lines.get(0).layout();
            float tx = (float) (pill.getX() + padX);
            float baseline = (float) (pill.getY() + padY + (b.lineHeight - (b.ascent + b.descent)) / 2 + b.ascent);
            for (int i = t.s.textShadow().size() - 1; i >= 0; i--) {
                TextShadow sh = t.s.textShadow().get(i);
                BufferedImage layer = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
                Graphics2D sg = layer.createGraphics();
                TextRasterizer.hints(sg);
                sg.translate(-x0 + t.px(sh.offsetX()), -y0 + t.px(sh.offsetY()));
                sg.setColor((sh.color() != null ? sh.color() : t.s.color()).toAwt());
                layout.draw(sg, tx, baseline);
                sg.dispose();
                Blur.apply(layer, (float) t.px(sh.blur()));
                g.setComposite(AlphaComposite.SrcOver);
                g.drawImage(layer, x0, y0, null);
            }
            g.setColor(t.s.color().toAwt());
            layout.draw(g, tx, baseline);
        } finally {
            g.dispose();
        }
        return new Sprite(img, x0, y0);
    }
}
