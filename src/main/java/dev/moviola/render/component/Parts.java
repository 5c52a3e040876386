package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.render.text.FontCatalog;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the parts a definition names ({@code kind}: text, fill, image, and the special ones of {@link Specials})
 * from the element's settings, measured for the card layout or placed freely.
 */
final class Parts {
    private final JsonNode settings;
    private final int boxWidth;
    private final int boxHeight;
    private final FontCatalog fonts;
    private final Map<String, Path> pictures;
    final Values values;

    Parts(JsonNode settings, int boxWidth, int boxHeight, FontCatalog fonts, Map<String, Path> pictures) {
        this.settings = settings;
        this.boxWidth = boxWidth;
        this.boxHeight = boxHeight;
        this.fonts = fonts;
        this.pictures = pictures;
        this.values = new Values(settings);
    }

    int boxWidth() {
        return boxWidth;
    }

    int boxHeight() {
        return boxHeight;
    }

    FontCatalog fonts() {
        return fonts;
    }

    JsonNode settings() {
        return settings;
    }

    Css css(String group) {
        Css card = settings.has("card") && !group.equals("card") ? new Css(settings.get("card"), boxWidth, boxHeight) : null;
        return new Css(settings.get(group), boxWidth, boxHeight, card);
    }

    Path picture(String group) {
        return pictures.get(group);
    }

    Motion motion(JsonNode part, String key) {
        return Motion.parse(part.get(key), values, 0);
    }

    /** The font size of a group in px: its {@code font-size}, or the part's {@code auto-size} when "auto" or absent. */
    float fontSize(Css css, JsonNode part) {
        double auto = css.lengthOf(part.path("auto-size").asText("4vw"), boxWidth * 0.04, boxWidth, 16);
        return (float) Math.max(1, css.length("font-size", auto, boxWidth, 16));
    }

    Card.Sized measure(JsonNode part, double available, int row) {
        String kind = part.path("kind").asText();
        return switch (kind) {
            case "text" -> text(part, available);
            case "fill" -> fill(part);
            case "image" -> image(part, available);
            default -> Specials.measure(kind, part, available, this);
        };
    }

    private Card.Sized text(JsonNode part, double available) {
        String group = part.path("group").asText();
        Css css = css(group);
        List<String> paragraphs = RichText.paragraphs(css.group() == null ? null : css.group().get("text"));
        if (paragraphs.stream().allMatch(p -> RichText.plain(p).isBlank())) {
            return null;
        }
        float size = fontSize(css, part);
        double[] pad = css.box("padding", size);
        double[] margin = css.box("margin", size);
        java.awt.Color bg = css.background(null);
        boolean strip = bg != null && bg.getAlpha() > 0;
        double wrap = Math.max(1, available - pad[1] - pad[3] - margin[1] - margin[3]);
        RichText.Block block = RichText.layout(paragraphs, css, fonts, size, wrap);
        double textW = strip || part.path("hug").asBoolean(false) ? Math.ceil(block.width()) : wrap;
        double w = textW + pad[1] + pad[3];
        double h = block.height() + pad[0] + pad[2];
        Motion boxMotion = motion(part, "motion");
        Motion textMotion = motion(part, "text-motion");
        double radius = css.length("border-radius", 0, w, size);
        return new Card.Sized() {
            public double width() {
                return w + margin[1] + margin[3];
            }

            public double height() {
                return h;
            }

            public double[] spacing() {
                return new double[] {margin[0], margin[2]};
            }

            public List<Piece> place(double x, double y, double stretch) {
                List<Piece> out = new ArrayList<>();
                double bx = x + margin[3];
                if (strip) {
                    out.add(filled(bx, y, w, h, bg, radius, boxMotion));
                }
                BufferedImage pic = RichText.picture(block, textW);
                // In a strip the text moves on its own (after its strip opened); alone it moves with the part.
                out.add(new Piece(bx + pad[3], y + pad[0], pic, strip && !textMotion.isEmpty() ? textMotion
                        : boxMotion.plus(textMotion)));
                return out;
            }
        };
    }

    private Card.Sized fill(JsonNode part) {
        Css css = css(part.path("group").asText());
        double w = css.length("width", boxWidth * 0.01, boxWidth, 16);
        double h = css.length("height", 0, boxHeight, 16);
        java.awt.Color c = css.background(css.color("color", java.awt.Color.RED));
        Motion m = motion(part, "motion");
        return new Card.Sized() {
            public double width() {
                return w;
            }

            public double height() {
                return h;
            }

            public List<Piece> place(double x, double y, double stretch) {
                return List.of(filled(x, y, w, Math.max(h, stretch), c, 0, m));
            }
        };
    }

    private Card.Sized image(JsonNode part, double available) {
        Css css = css(part.path("group").asText());
        double limit = part.has("max-size") ? css.lengthOf(part.get("max-size").asText(), boxHeight, boxWidth, 16) : available;
        double size = Math.min(limit, css.has("size") ? css.length("size", boxWidth * 0.1, available, 16)
                : css.length("width", boxWidth * 0.1, available, 16));
        Css.Shadow border = css.border("border", 16);
        double[] margin = css.box("margin", 16);
        String radiusText = css.text("border-radius", "50%");
        Path file = picture(part.path("group").asText());
        Motion m = motion(part, "motion");
        double side = Math.max(2, size);
        java.awt.Color ring = Css.colorOf(values.text(part.get("ring"), null), null);
        Motion ringMotion = motion(part, "ring-motion");
        return new Card.Sized() {
            public double width() {
                return side + margin[3];
            }

            public double height() {
                return side;
            }

            public double[] spacing() {
                return new double[] {margin[0], margin[2]};
            }

            public List<Piece> place(double x, double y, double stretch) {
                Piece disc = new Piece(x + margin[3], y, circle(file, (int) Math.round(side), border,
                        css.lengthOf(radiusText, side / 2, side, 16)), m);
                if (ring == null) {
                    return List.of(disc);
                }
                return List.of(disc, new Piece(x + margin[3], y, ring((int) Math.round(side), ring), ringMotion));
            }
        };
    }

    /** A picture cropped to a circle (cover), with its border; a grey disc when it has no picture. */
    static BufferedImage circle(Path file, int side, Css.Shadow border, double radius) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        double r = Math.min(side / 2.0, Math.max(0, radius));
        java.awt.Shape disc = new RoundRectangle2D.Double(0, 0, side, side, r * 2, r * 2);
        BufferedImage src = Pictures.read(file);
        g.setClip(disc);
        if (src != null) {
            double s = Math.max((double) side / src.getWidth(), (double) side / src.getHeight());
            double w = src.getWidth() * s;
            double h = src.getHeight() * s;
            g.drawImage(src, (int) Math.round((side - w) / 2), (int) Math.round((side - h) / 2), (int) Math.round(w),
                    (int) Math.round(h), null);
        } else {
            g.setColor(new java.awt.Color(0x9e9e9e));
            g.fill(disc);
        }
        g.setClip(null);
        if (border != null) {
            g.setColor(border.color());
            double b = Math.min(border.x(), side / 2.0);
            g.setStroke(new java.awt.BasicStroke((float) b));
            double rb = Math.max(0, r - b / 2);
            g.draw(new RoundRectangle2D.Double(b / 2, b / 2, side - b, side - b, rb * 2, rb * 2));
        }
        g.dispose();
        return out;
    }

    /** An open ring (a 300° arc) around a circle of {@code side} px: turning, it shows that it turns. */
    static BufferedImage ring(int side, java.awt.Color c) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float w = Math.max(2, side * 0.06f);
        g.setStroke(new java.awt.BasicStroke(w, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        g.setColor(c);
        g.draw(new java.awt.geom.Arc2D.Double(w / 2, w / 2, side - w, side - w, 90, 300, java.awt.geom.Arc2D.OPEN));
        g.dispose();
        return out;
    }

    /** A rectangle of one colour (rounded by {@code radius}) as a piece. */
    static Piece filled(double x, double y, double w, double h, java.awt.Color c, double radius, Motion m) {
        int iw = Math.max(1, (int) Math.ceil(w));
        int ih = Math.max(1, (int) Math.ceil(h));
        BufferedImage img = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(c);
        if (radius > 0) {
            g.fill(new RoundRectangle2D.Double(0, 0, iw, ih, radius * 2, radius * 2));
        } else {
            g.fillRect(0, 0, iw, ih);
        }
        g.dispose();
        return new Piece(x, y, img, m);
    }
}
