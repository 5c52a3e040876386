package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The card layout most components use: rows of parts stacked top to bottom (each row's parts side by side),
 * an optional part beside the stack on its left (a bar, an avatar) as tall as the stack, all inside the card
 * group's padding, and the card placed in the element's box by its {@code vertical-align} and
 * {@code horizontal-align} with its {@code margin}.
 */
final class Card {
    private Card() {
    }

    /** A part measured but not yet placed: its size and how to make it once placed. */
    interface Sized {
        double width();

        double height();

        /** Margins above and below it. */
        default double[] spacing() {
            return new double[] {0, 0};
        }

        List<Piece> place(double x, double y, double stretchHeight);
    }

    static List<Piece> layout(JsonNode draws, Parts parts) {
        Css card = parts.css(draws.path("card").path("group").asText("card"));
        int W = parts.boxWidth();
        int H = parts.boxHeight();
        double em = 16;
        double[] margin = card.box("margin", em);
        double[] pad = card.box("padding", em);
        double outerW = card.has("width") ? card.length("width", W, W, em) : W - margin[1] - margin[3];
        double innerW = Math.max(1, outerW - pad[1] - pad[3]);
        JsonNode sideDef = draws.get("side");
        Sized side = sideDef == null ? null : parts.measure(sideDef, innerW, 0);
        double sideGap = side == null ? 0 : parts.css(sideDef.path("group").asText()).length("margin-right", 0, W, em);
        double stackW = Math.max(1, innerW - (side == null ? 0 : side.width() + sideGap));
        String align = card.text("text-align", "left").trim().toLowerCase(Locale.ROOT);

        List<List<Sized>> rows = new ArrayList<>();
        double stackH = 0;
        List<Double> rowHeights = new ArrayList<>();
        for (JsonNode row : draws.path("rows")) {
            List<Sized> sized = new ArrayList<>();
            double rowW = 0;
            double h = 0;
            for (JsonNode part : row) {
                Sized s = parts.measure(part, stackW - rowW, rows.size());
                if (s == null) {
                    continue;
                }
                sized.add(s);
                rowW += s.width();
                h = Math.max(h, s.height() + s.spacing()[0] + s.spacing()[1]);
            }
            rows.add(sized);
            rowHeights.add(h);
            stackH += h;
        }
        double contentW = rows.stream().mapToDouble(r -> r.stream().mapToDouble(Sized::width).sum()).max().orElse(0);
        if (!card.has("width")) {
            // Without a width the card is as wide as its content, as a shrink-to-fit box in a browser.
            contentW = Math.max(contentW, 0);
        } else {
            contentW = stackW;
        }
        double cardW = (side == null ? 0 : side.width() + sideGap) + (card.has("width") ? stackW : contentW) + pad[1] + pad[3];
        double sideH = side == null ? 0 : side.height();
        double cardH = Math.max(stackH, sideH) + pad[0] + pad[2];
        String va = card.text("vertical-align", "center").trim().toLowerCase(Locale.ROOT);
        String ha = card.text("horizontal-align", align.equals("right") ? "right" : align.equals("center") ? "center" : "left")
                .trim().toLowerCase(Locale.ROOT);
        double cx = switch (ha) {
            case "center", "middle" -> (W - cardW) / 2;
            case "right" -> W - margin[1] - cardW;
            default -> margin[3];
        };
        double cy = switch (va) {
            case "center", "middle" -> (H - cardH) / 2;
            case "bottom" -> H - margin[2] - cardH;
            default -> margin[0];
        };
        List<Piece> out = new ArrayList<>();
        // A card group that is also a part's group (advanced/050's button) styles that part, not a card around it.
        String cardGroup = draws.path("card").path("group").asText("card");
        boolean own = draws.findValuesAsText("group").stream().filter(cardGroup::equals).count() > 1;
        java.awt.Color bg = own ? null : card.background(null);
        if (bg != null && bg.getAlpha() > 0) {
            out.add(Parts.filled(cx, cy, cardW, cardH, bg, card.length("border-radius", 0, cardW, em), Motion.NONE));
        }
        double x0 = cx + pad[3];
        double y = cy + pad[0];
        if (side != null) {
            out.addAll(side.place(x0, y + (sideH > 0 ? Math.max(0, stackH - sideH) / 2 : 0), stackH));
            x0 += side.width() + sideGap;
            // A stack lower than what is beside it (an avatar) is centred on it.
            y += Math.max(0, sideH - stackH) / 2;
        }
        double inner = card.has("width") ? stackW : contentW;
        for (int r = 0; r < rows.size(); r++) {
            List<Sized> row = rows.get(r);
            double rowW = row.stream().mapToDouble(Sized::width).sum();
            double x = switch (align) {
                case "center" -> x0 + (inner - rowW) / 2;
                case "right", "end" -> x0 + inner - rowW;
                default -> x0;
            };
            for (Sized s : row) {
                out.addAll(s.place(x, y + s.spacing()[0], rowHeights.get(r)));
                x += s.width();
            }
            y += rowHeights.get(r);
        }
        return out;
    }
}
