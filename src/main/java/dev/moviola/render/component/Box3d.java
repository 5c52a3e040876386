package dev.moviola.render.component;

import dev.moviola.movie.Easing;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * shape/3dbox: a box of {@code size} (width, height, depth) whose six faces show their background (a colour or a
 * picture), turning from its {@code initial} rotation to its {@code final} one. Drawn in orthographic projection
 * (no perspective): each visible face is a parallelogram, its picture mapped onto it by an affine transform,
 * the faces further away drawn first.
 */
final class Box3d {
    private static final String[] FACES = {"front", "back", "left", "right", "top", "bottom"};

    private Box3d() {
    }

    static Piece piece(Parts parts) {
        int w = parts.boxWidth();
        int h = parts.boxHeight();
        Css size = parts.css("size");
        double bw = size.length("width", 400, w, 16);
        double bh = size.length("height", 300, h, 16);
        double bd = size.length("depth", 50, w, 16);
        Css from = parts.css("initial");
        Css to = parts.css("final");
        Css anim = parts.css("animation");
        double delay = anim.number("delay", 0);
        double duration = Math.max(0, anim.number("duration", 2000));
        Easing easing = Free.easing(anim.text("easing", null), "easeInOutQuad");
        List<BufferedImage> pictures = new ArrayList<>();
        List<java.awt.Color> colours = new ArrayList<>();
        for (String f : FACES) {
            pictures.add(Pictures.read(parts.picture(f)));
            colours.add(parts.css(f).background(new java.awt.Color(0x60, 0x60, 0x60)));
        }
        Shapes.Drawing d = new Shapes.Drawing() {
            double p(double ms) {
                if (Double.isInfinite(ms) || ms >= delay + duration) {
                    return 1;
                }
                return ms <= delay ? 0 : easing.at((ms - delay) / Math.max(1e-9, duration));
            }

            double v(String key, double fallback, double ms) {
                double a = from.number(key, fallback);
                double b = to.number(key, a);
                return a + (b - a) * p(ms);
            }

            /** The projected corners of each face, in the box's pixels. */
            List<double[][]> faces(double ms) {
                double rx = Math.toRadians(v("rotate-x", -15, ms));
                double ry = Math.toRadians(v("rotate-y", 0, ms));
                double rz = Math.toRadians(v("rotate-z", 0, ms));
                double s = v("scale", 1, ms);
                double cx = w / 2.0 + from.length("left", 0, w, 16) + (to.length("left", from.length("left", 0, w, 16), w, 16)
                        - from.length("left", 0, w, 16)) * p(ms);
                double cy = h / 2.0 + from.length("top", 0, h, 16) + (to.length("top", from.length("top", 0, h, 16), h, 16)
                        - from.length("top", 0, h, 16)) * p(ms);
                double x = bw / 2;
                double y = bh / 2;
                double z = bd / 2;
                // Corners: top-left, top-right, bottom-left of each face as seen from outside, and its normal.
                double[][][] raw = {
                    {{-x, -y, z}, {x, -y, z}, {-x, y, z}, {0, 0, 1}},
                    {{x, -y, -z}, {-x, -y, -z}, {x, y, -z}, {0, 0, -1}},
                    {{-x, -y, -z}, {-x, -y, z}, {-x, y, -z}, {-1, 0, 0}},
                    {{x, -y, z}, {x, -y, -z}, {x, y, z}, {1, 0, 0}},
                    {{-x, -y, -z}, {x, -y, -z}, {-x, -y, z}, {0, -1, 0}},
                    {{-x, y, z}, {x, y, z}, {-x, y, -z}, {0, 1, 0}}};
                List<double[][]> out = new ArrayList<>();
                for (int f = 0; f < 6; f++) {
                    double[][] pts = new double[5][];
                    for (int i = 0; i < 4; i++) {
                        double[] r = rotate(raw[f][i], rx, ry, rz);
                        pts[i] = i < 3 ? new double[] {cx + r[0] * s, cy + r[1] * s, r[2]} : r;
                    }
                    pts[4] = new double[] {f};
                    out.add(pts);
                }
                return out;
            }

            public Rectangle2D area(double ms) {
                double r = Math.sqrt(bw * bw + bh * bh + bd * bd) / 2 * Math.max(from.number("scale", 1), to.number("scale", 1));
                double cx = w / 2.0 + Math.max(from.length("left", 0, w, 16), to.length("left", 0, w, 16));
                double cy = h / 2.0 + Math.max(from.length("top", 0, h, 16), to.length("top", 0, h, 16));
                double lx = w / 2.0 + Math.min(from.length("left", 0, w, 16), to.length("left", 0, w, 16));
                double ly = h / 2.0 + Math.min(from.length("top", 0, h, 16), to.length("top", 0, h, 16));
                return new Rectangle2D.Double(lx - r, ly - r, cx - lx + 2 * r, cy - ly + 2 * r);
            }

            public void draw(Graphics2D g, double ms) {
                List<double[][]> faces = faces(ms);
                faces.removeIf(f -> f[3][2] <= 1e-6);
                faces.sort(Comparator.comparingDouble(f -> (f[1][2] + f[2][2]) / 2));
                for (double[][] f : faces) {
                    int i = (int) f[4][0];
                    double ux = f[1][0] - f[0][0];
                    double uy = f[1][1] - f[0][1];
                    double vx = f[2][0] - f[0][0];
                    double vy = f[2][1] - f[0][1];
                    Path2D quad = new Path2D.Double();
                    quad.moveTo(f[0][0], f[0][1]);
                    quad.lineTo(f[1][0], f[1][1]);
                    quad.lineTo(f[1][0] + vx, f[1][1] + vy);
                    quad.lineTo(f[2][0], f[2][1]);
                    quad.closePath();
                    BufferedImage img = pictures.get(i);
                    if (img != null) {
                        Graphics2D c = (Graphics2D) g.create();
                        c.clip(quad);
                        c.drawImage(img, new AffineTransform(ux / img.getWidth(), uy / img.getWidth(),
                                vx / img.getHeight(), vy / img.getHeight(), f[0][0], f[0][1]), null);
                        c.dispose();
                    } else {
                        g.setColor(colours.get(i));
                        g.fill(quad);
                    }
                }
            }

            public String key(double ms) {
                return Double.toString(p(ms));
            }
        };
        return Shapes.piece(d, delay + duration);
    }

    /** Rotates a point (or a normal) about x, then y, then z; z grows toward the viewer. */
    static double[] rotate(double[] p, double rx, double ry, double rz) {
        double x = p[0];
        double y = p[1] * Math.cos(rx) - p[2] * Math.sin(rx);
        double z = p[1] * Math.sin(rx) + p[2] * Math.cos(rx);
        double x2 = x * Math.cos(ry) + z * Math.sin(ry);
        double z2 = -x * Math.sin(ry) + z * Math.cos(ry);
        double x3 = x2 * Math.cos(rz) - y * Math.sin(rz);
        double y3 = x2 * Math.sin(rz) + y * Math.cos(rz);
        return new double[] {x3, y3, z2};
    }
}
