package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.Easing;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * basic/125: a table from {@code data.columns} and {@code data.rows} (cells may hold the little HTML texts take),
 * styled by the {@code table}, {@code header}, {@code first-column} and {@code cells} groups; each row slides in from
 * the left and fades in, 200 ms after the one above (500 ms each).
 */
final class Table {
    private Table() {
    }

    static Card.Sized measure(JsonNode part, double available, Parts parts) {
        JsonNode s = parts.settings();
        Css table = parts.css("table");
        double em = 16;
        double width = Math.min(available, table.length("width", available, available, em));
        JsonNode data = s.path("data");
        List<List<String>> rows = new ArrayList<>();
        boolean header = !parts.css("header").text("display", "").trim().equals("none");
        int columns = data.path("columns").size();
        if (header && columns > 0) {
            List<String> h = new ArrayList<>();
            data.path("columns").forEach(c -> h.add(c.asText()));
            rows.add(h);
        }
        for (JsonNode r : data.path("rows")) {
            List<String> row = new ArrayList<>();
            r.forEach(c -> row.add(c.asText()));
            columns = Math.max(columns, row.size());
            rows.add(row);
        }
        if (rows.isEmpty() || columns == 0) {
            return null;
        }
        double[] widths = new double[columns];
        JsonNode given = s.path("header").path("column-widths");
        double rest = width;
        int unset = 0;
        for (int c = 0; c < columns; c++) {
            widths[c] = given.has(c) ? table.lengthOf(given.get(c).asText(), 0, width, em) : 0;
            rest -= widths[c];
            unset += widths[c] == 0 ? 1 : 0;
        }
        for (int c = 0; c < columns; c++) {
            if (widths[c] == 0) {
                widths[c] = Math.max(1, rest / Math.max(1, unset));
            }
        }
        String[] spacing = table.text("border-spacing", "0 0").trim().split("\\s+");
        double gapY = table.lengthOf(spacing[spacing.length - 1], 0, parts.boxHeight(), em);
        float size = parts.fontSize(table, part);
        List<BufferedImage> pictures = new ArrayList<>();
        double total = 0;
        for (int r = 0; r < rows.size(); r++) {
            boolean isHeader = header && r == 0;
            List<BufferedImage> cells = new ArrayList<>();
            List<double[]> pads = new ArrayList<>();
            List<Css> styles = new ArrayList<>();
            double rowH = 0;
            for (int c = 0; c < columns; c++) {
                Css css = cellCss(s, parts, c == 0, isHeader);
                float fs = (float) css.length("font-size", size, parts.boxWidth(), em);
                double[] pad = css.box("padding", fs);
                String text = c < rows.get(r).size() ? rows.get(r).get(c) : "";
                RichText.Block b = RichText.layout(List.of(text), css, parts.fonts(), fs,
                        Math.max(1, widths[c] - pad[1] - pad[3]));
                BufferedImage img = RichText.picture(b, Math.max(1, widths[c] - pad[1] - pad[3]));
                cells.add(img);
                pads.add(pad);
                styles.add(css);
                rowH = Math.max(rowH, img.getHeight() + pad[0] + pad[2]);
            }
            BufferedImage row = new BufferedImage((int) Math.ceil(width), Math.max(1, (int) Math.ceil(rowH)),
                    BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = row.createGraphics();
            double x = 0;
            for (int c = 0; c < columns; c++) {
                Css css = styles.get(c);
                java.awt.Color bg = css.background(null);
                if (bg != null) {
                    g.setColor(bg);
                    g.fillRect((int) Math.round(x), 0, (int) Math.round(widths[c]), row.getHeight());
                }
                g.drawImage(cells.get(c), (int) Math.round(x + pads.get(c)[3]), (int) Math.round(pads.get(c)[0]), null);
                Css.Shadow right = css.border("border-right", 16);
                if (right != null) {
                    g.setColor(right.color());
                    int bw = (int) Math.max(1, Math.round(right.x()));
                    g.fillRect((int) Math.round(x + widths[c]) - bw, 0, bw, row.getHeight());
                }
                x += widths[c];
            }
            g.dispose();
            pictures.add(row);
            total += rowH + (r > 0 ? gapY : 0);
        }
        double h = total;
        double stagger = parts.values.number(part.get("stagger"), 200);
        return Specials.fixed(width, h, (x0, y0) -> {
            List<Piece> out = new ArrayList<>();
            double y = y0;
            for (int r = 0; r < pictures.size(); r++) {
                BufferedImage p = pictures.get(r);
                double delay = r * stagger;
                out.add(new Piece(x0, y, p, new Motion(List.of(
                        new Motion.Tween("opacity", 0, 1, delay, 500, Easing.LINEAR),
                        new Motion.Tween("dx", -parts.boxWidth() * 0.05, 0, delay, 500, Easing.of("easeOutQuad"))))));
                y += p.getHeight() + gapY;
            }
            return out;
        });
    }

    /** A cell's style: the table's, then the cells', then the first column's or the header's. */
    private static Css cellCss(JsonNode s, Parts parts, boolean first, boolean header) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (String g : List.of("table", "cells", first ? "first-column" : "", header ? "header" : "")) {
            JsonNode n = s.get(g);
            if (n != null && n.isObject()) {
                n.fields().forEachRemaining(e -> {
                    if (!List.of("width", "border-spacing", "display", "column-widths").contains(e.getKey())
                            && !(g.equals("table") && e.getKey().startsWith("padding"))) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        if (!merged.has("background") && !merged.has("background-color")) {
            merged.put("background-color", "transparent");
        }
        return new Css(merged, parts.boxWidth(), parts.boxHeight(), parts.css("card"));
    }
}
