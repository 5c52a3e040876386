package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Easing;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Shapes that move from where their group puts them to where its {@code animate} block says ({@code left, top,
 * width, height, rotate, opacity}, over {@code duration} ms after {@code delay}, with {@code easing}): shape/rectangle's
 * rectangles, basic/100's box, shape/polygon's polygons (whose {@code points} may morph) and shape/cutout's window.
 */
final class Shapes {
    private Shapes() {
    }

    /** What a moving shape draws at a time, and where. */
    interface Drawing {
        /** What it covers at {@code ms}, in the box's pixels. */
        Rectangle2D area(double ms);

        void draw(Graphics2D g, double ms);

        /** Equal for two times that draw the same. */
        String key(double ms);
    }

    /** Where a shape is between its start and its animate block's targets. */
    record Tween(Css from, JsonNode to, double delay, double duration, Easing easing, int w, int h) {
        static Tween of(Css group, int w, int h, String defaultEasing) {
            JsonNode a = group.group() == null ? null : group.group().get("animate");
            Css anim = new Css(a, w, h);
            return new Tween(group, a != null && a.isObject() && !a.isEmpty() ? a : null,
                    anim.number("delay", 0), Math.max(0, anim.number("duration", 1000)),
                    Free.easing(anim.text("easing", null), defaultEasing), w, h);
        }

        double progress(double ms) {
            if (to == null || Double.isInfinite(ms) || ms >= delay + duration) {
                return 1;
            }
            return ms <= delay ? 0 : easing.at((ms - delay) / Math.max(1e-9, duration));
        }

        double end() {
            return to == null ? 0 : delay + duration;
        }

        /** A length of the group between its value and the animate block's; {@code of}: what 100 % is. */
        double length(String key, double fallback, double of, double ms) {
            double a = from.length(key, fallback, of, 16);
            if (to == null || !to.has(key)) {
                return a;
            }
            double b = new Css(to, w, h).length(key, a, of, 16);
            return a + (b - a) * progress(ms);
        }

        double number(String key, double fallback, double ms) {
            double a = from.number(key, fallback);
            if (to == null || !to.has(key)) {
                return a;
            }
            double b = new Css(to, w, h).number(key, a);
            return a + (b - a) * progress(ms);
        }
    }

    static Piece rectangle(Css css, Parts parts) {
        int w = parts.boxWidth();
        int h = parts.boxHeight();
        Tween t = Tween.of(css, w, h, "easeOutCubic");
        java.awt.Color bg = css.background(new java.awt.Color(0, 0, 0, 0));
        Css.Shadow border = css.border("border", 16);
        Css.Shadow shadow = css.shadow("box-shadow", 16).orElse(null);
        Drawing d = new Drawing() {
            Rectangle2D rect(double ms) {
                return new Rectangle2D.Double(t.length("left", 0, w, ms), t.length("top", 0, h, ms),
                        t.length("width", w, w, ms), t.length("height", h, h, ms));
            }

            Shape shape(double ms) {
                Rectangle2D r = rect(ms);
                // As in CSS, a percentage is of each side: 50 % makes an ellipse of a rectangle.
                String rad = css.text("border-radius", "0").trim();
                double rx = css.lengthOf(rad, 0, r.getWidth(), 16);
                double ry = rad.endsWith("%") ? css.lengthOf(rad, 0, r.getHeight(), 16) : rx;
                Shape s = rx > 0 ? new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(),
                        Math.min(r.getWidth(), rx * 2), Math.min(r.getHeight(), ry * 2)) : r;
                double deg = t.number("rotate", 0, ms);
                return deg == 0 ? s : AffineTransform.getRotateInstance(Math.toRadians(deg), r.getCenterX(),
                        r.getCenterY()).createTransformedShape(s);
            }

            public Rectangle2D area(double ms) {
                Rectangle2D a = shape(ms).getBounds2D();
                double m = (border == null ? 0 : border.x()) + (shadow == null ? 0
                        : Math.abs(shadow.x()) + Math.abs(shadow.y()) + shadow.blur());
                return new Rectangle2D.Double(a.getX() - m, a.getY() - m, a.getWidth() + 2 * m, a.getHeight() + 2 * m);
            }

            public void draw(Graphics2D g, double ms) {
                Shape s = shape(ms);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                        (float) Math.max(0, Math.min(1, t.number("opacity", 1, ms)))));
                if (shadow != null) {
                    g.setColor(shadow.color());
                    g.fill(AffineTransform.getTranslateInstance(shadow.x(), shadow.y()).createTransformedShape(s));
                }
                g.setColor(bg);
                g.fill(s);
                if (border != null) {
                    g.setColor(border.color());
                    g.setStroke(new BasicStroke((float) border.x()));
                    g.draw(s);
                }
            }

            public String key(double ms) {
                return rect(ms) + "/" + t.number("rotate", 0, ms) + "/" + t.number("opacity", 1, ms);
            }
        };
        return piece(d, t.end());
    }

    static Piece polygon(Css css, Parts parts) {
        int w = parts.boxWidth();
        int h = parts.boxHeight();
        Tween t = Tween.of(css, w, h, "easeOutCubic");
        double[] from = points(css.text("points", "0,0 100,0 100,100 0,100"));
        double[] to = t.to() != null && t.to().has("points") ? points(t.to().get("points").asText()) : from;
        if (to.length != from.length) {
            to = from;
        }
        double[] target = to;
        java.awt.Color fill = css.color("fill", new java.awt.Color(0, 255, 0));
        java.awt.Color fillTo = t.to() != null && t.to().has("fill") ? Css.colorOf(t.to().get("fill").asText(), fill) : fill;
        java.awt.Color stroke = css.color("stroke", null);
        double strokeWidth = css.length("stroke-width", stroke == null ? 0 : 1, w, 16);
        Drawing d = new Drawing() {
            Shape shape(double ms) {
                double l = t.length("left", 0, w, ms);
                double tp = t.length("top", 0, h, ms);
                double cw = t.length("width", w, w, ms);
                double ch = t.length("height", h, h, ms);
                double p = t.progress(ms);
                Path2D path = new Path2D.Double();
                for (int i = 0; i + 1 < from.length; i += 2) {
                    double px = l + (from[i] + (target[i] - from[i]) * p) / 100 * cw;
                    double py = tp + (from[i + 1] + (target[i + 1] - from[i + 1]) * p) / 100 * ch;
                    if (i == 0) {
                        path.moveTo(px, py);
                    } else {
                        path.lineTo(px, py);
                    }
                }
                path.closePath();
                double deg = t.number("rotate", 0, ms);
                Rectangle2D b = path.getBounds2D();
                return deg == 0 ? path : AffineTransform.getRotateInstance(Math.toRadians(deg), b.getCenterX(),
                        b.getCenterY()).createTransformedShape(path);
            }

            java.awt.Color color(double ms) {
                double p = t.progress(ms);
                return new java.awt.Color(mix(fill.getRed(), fillTo.getRed(), p), mix(fill.getGreen(), fillTo.getGreen(), p),
                        mix(fill.getBlue(), fillTo.getBlue(), p), mix(fill.getAlpha(), fillTo.getAlpha(), p));
            }

            public Rectangle2D area(double ms) {
                Rectangle2D a = shape(ms).getBounds2D();
                return new Rectangle2D.Double(a.getX() - strokeWidth, a.getY() - strokeWidth,
                        a.getWidth() + 2 * strokeWidth, a.getHeight() + 2 * strokeWidth);
            }

            public void draw(Graphics2D g, double ms) {
                Shape s = shape(ms);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                        (float) Math.max(0, Math.min(1, t.number("opacity", 1, ms)))));
                g.setColor(color(ms));
                g.fill(s);
                if (stroke != null && strokeWidth > 0) {
                    g.setColor(stroke);
                    g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(s);
                }
            }

            public String key(double ms) {
                return area(ms) + "/" + t.progress(ms) + "/" + t.number("opacity", 1, ms);
            }
        };
        return piece(d, t.end());
    }

    /** shape/cutout: the background picture (or colour) seen through a window that moves and changes size. */
    static Piece cutout(Css css, Css background, Path picture, Parts parts) {
        int w = parts.boxWidth();
        int h = parts.boxHeight();
        Tween t = Tween.of(css, w, h, "easeInOutQuad");
        String kind = css.text("shape", "ellipse").trim().toLowerCase(Locale.ROOT);
        BufferedImage src = Pictures.read(picture);
        java.awt.Color bg = background.background(new java.awt.Color(0x80, 0x80, 0x80));
        java.awt.Color stroke = css.color("stroke", null);
        double strokeWidth = css.length("stroke-width", stroke == null ? 0 : 4, w, 16);
        double[] pts = points(css.text("points", "50,0 100,100 0,100"));
        Drawing d = new Drawing() {
            Shape window(double ms) {
                double l = t.length("left", w * 0.1, w, ms);
                double tp = t.length("top", h * 0.1, h, ms);
                double cw = t.length("width", w * 0.8, w, ms);
                double ch = t.length("height", h * 0.8, h, ms);
                return switch (kind) {
                    case "rect", "rectangle" -> new Rectangle2D.Double(l, tp, cw, ch);
                    case "circle" -> {
                        double r = Math.min(cw, ch);
                        yield new Ellipse2D.Double(l + (cw - r) / 2, tp + (ch - r) / 2, r, r);
                    }
                    case "polygon" -> {
                        Path2D p = new Path2D.Double();
                        for (int i = 0; i + 1 < pts.length; i += 2) {
                            double px = l + pts[i] / 100 * cw;
                            double py = tp + pts[i + 1] / 100 * ch;
                            if (i == 0) {
                                p.moveTo(px, py);
                            } else {
                                p.lineTo(px, py);
                            }
                        }
                        p.closePath();
                        yield p;
                    }
                    default -> new Ellipse2D.Double(l, tp, cw, ch);
                };
            }

            public Rectangle2D area(double ms) {
                Rectangle2D a = window(ms).getBounds2D();
                return new Rectangle2D.Double(a.getX() - strokeWidth, a.getY() - strokeWidth,
                        a.getWidth() + 2 * strokeWidth, a.getHeight() + 2 * strokeWidth);
            }

            public void draw(Graphics2D g, double ms) {
                Shape s = window(ms);
                Graphics2D c = (Graphics2D) g.create();
                c.clip(s);
                if (src != null) {
                    double sc = Math.max((double) w / src.getWidth(), (double) h / src.getHeight());
                    double dw = src.getWidth() * sc;
                    double dh = src.getHeight() * sc;
                    c.drawImage(src, (int) Math.round((w - dw) / 2), (int) Math.round((h - dh) / 2), (int) Math.round(dw),
                            (int) Math.round(dh), null);
                } else {
                    c.setColor(bg);
                    c.fill(s);
                }
                c.dispose();
                if (stroke != null && strokeWidth > 0) {
                    g.setColor(stroke);
                    g.setStroke(new BasicStroke((float) strokeWidth));
                    g.draw(s);
                }
            }

            public String key(double ms) {
                return area(ms).toString();
            }
        };
        return piece(d, t.end());
    }

    private static int mix(int a, int b, double p) {
        return (int) Math.round(Math.max(0, Math.min(255, a + (b - a) * p)));
    }

    /** {@code "0,0 100,0 80,100"}: x, y pairs in a 0–100 space. */
    static double[] points(String text) {
        String[] parts = text.trim().split("[\\s,]+");
        double[] out = new double[parts.length - parts.length % 2];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].replace("%", ""));
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    /**
     * A moving drawing as a piece: as large as everything it covers over its motion, its picture redrawn only when
     * it changes.
     */
    static Piece piece(Drawing d, double endMs) {
        Rectangle2D all = d.area(Double.POSITIVE_INFINITY);
        int samples = 60;
        for (int i = 0; i <= samples && endMs > 0; i++) {
            all = all.createUnion(d.area(endMs * i / samples));
        }
        Rectangle2D area = all;
        int iw = Math.max(1, (int) Math.ceil(area.getWidth()) + 2);
        int ih = Math.max(1, (int) Math.ceil(area.getHeight()) + 2);
        double ox = Math.floor(area.getX()) - 1;
        double oy = Math.floor(area.getY()) - 1;
        String[] lastKey = {null};
        BufferedImage[] last = {null};
        return new Piece(ox, oy, iw, ih, ms -> {
            String key = d.key(ms);
            if (!key.equals(lastKey[0])) {
                BufferedImage img = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.translate(-ox, -oy);
                d.draw(g, ms);
                g.dispose();
                last[0] = img;
                lastKey[0] = key;
            }
            return last[0];
        }, new Motion(List.of(new Motion.Tween("opacity", 1, 1, endMs, 0, Easing.LINEAR))));
    }
}
