package dev.moviola.render;

import dev.moviola.render.text.LaidText;
import dev.moviola.render.text.LaidText.Part;
import dev.moviola.render.text.Sprite;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Something of an animated text that moves as one picture of its own: the parts of one line (or of the whole
 * block, or one row of pills), or one of style 008's rules. Times are ms since the element started; coordinates are
 * the text's canvas's.
 */
interface MovingGroup {

    /** When it is at rest. */
    double endMs();

    /** What it covers at {@code ms}, or null when nothing of it shows. */
    Rectangle2D bounds(double ms);

    /** Draws it as it is at {@code ms}; {@code atRest}: as it ends. */
    void draw(Graphics2D g, double ms, boolean atRest);

    /** Every number its look at {@code ms} is drawn from: equal signatures, equal pictures. */
    double[] signature(double ms);

    /**
     * Parts of a text moving by the style's tweens, each from its own start.
     *
     * @param rest what they look like together at rest, exactly as a still text draws them; null when the style
     *             does not end at rest
     */
    record Parts(TextMotion motion, LaidText laid, List<Part> parts, double[] starts, Sprite rest)
            implements MovingGroup {

        @Override
        public double endMs() {
            double end = 0;
            for (Part p : parts) {
                for (TextMotion.Tween t : motion.tweens()) {
                    end = Math.max(end, starts[p.index()] + t.end());
                }
            }
            return end;
        }

        @Override
        public Rectangle2D bounds(double ms) {
            if (Double.isInfinite(ms) && rest != null) {
                return new Rectangle2D.Double(rest.x(), rest.y(), rest.image().getWidth(), rest.image().getHeight());
            }
            Rectangle2D area = null;
            for (Part p : parts) {
                double[] s = state(p, ms);
                if (s[0] > 0) {
                    Rectangle2D sprite = new Rectangle2D.Double(p.sprite().x(), p.sprite().y(),
                            p.sprite().image().getWidth(), p.sprite().image().getHeight());
                    Rectangle2D b = transform(s).createTransformedShape(sprite).getBounds2D();
                    area = area == null ? b : area.createUnion(b);
                }
            }
            return area;
        }

        @Override
        public void draw(Graphics2D g, double ms, boolean atRest) {
            if (atRest && rest != null) {
                g.drawImage(rest.image(), rest.x(), rest.y(), null);
                return;
            }
            for (Part p : parts) {
                double[] s = state(p, ms);
                if (s[0] <= 0) {
                    continue;
                }
                Graphics2D pg = (Graphics2D) g.create();
                if (motion.clipToLine()) {
                    // A line's own window, as CSS's overflow: hidden on its wrapper: it keeps room for shadows.
                    double reach = p.box().getY() - p.sprite().y();
                    pg.clip(new Rectangle2D.Double(p.lineBox().getX() - laid.canvasWidth(), p.lineBox().getY() - reach,
                            p.lineBox().getWidth() + 2 * laid.canvasWidth(), p.lineBox().getHeight() + 2 * reach));
                }
                pg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.min(1, s[0])));
                AffineTransform at = transform(s);
                at.translate(p.sprite().x(), p.sprite().y());
                pg.drawImage(p.sprite().image(), at, null);
                pg.dispose();
            }
        }

        @Override
        public double[] signature(double ms) {
            double[] sig = new double[parts.size() * 7];
            int k = 0;
            for (Part p : parts) {
                double[] s = state(p, ms);
                boolean shows = s[0] > 0;
                sig[k++] = Math.max(0, s[0]);
                double[] m = new double[6];
                transform(s).getMatrix(m);
                for (double v : m) {
                    sig[k++] = shows ? v : 0;
                }
            }
            return sig;
        }

        /** A part's opacity, then its affine matrix (m00, m10, m01, m11, m02, m12), at {@code ms}. */
        private double[] state(Part p, double ms) {
            double local = Math.max(-1, ms - starts[p.index()]);
            double em = laid.fontSize();
            double above = -(laid.canvasY() + p.box().getMaxY()) - em;
            double opacity = 1;
            double tx = 0;
            double ty = 0;
            double sx = 1;
            double sy = 1;
            double rotateY = 0;
            double rotate = 0;
            for (TextMotion.Tween t : motion.tweens()) {
                double v = t.at(local, em, above);
                switch (t.property()) {
                    case "opacity" -> opacity *= Math.max(0, v);
                    case "translateX" -> tx += v;
                    case "translateY" -> ty += v;
                    case "scale" -> {
                        sx *= v;
                        sy *= v;
                    }
                    case "scaleX" -> sx *= v;
                    case "scaleY" -> sy *= v;
                    case "rotateY" -> rotateY += v;
                    case "rotate" -> rotate += v;
                    default -> throw new IllegalStateException("text-styles.json: unknown property " + t.property());
                }
            }
            TextMotion.Pills pills = motion.pills();
            if (pills != null) {
                // Each pill lands turned a little and moved sideways, alternately left and right.
                int side = p.index() % 2 == 0 ? -1 : 1;
                rotate += side * pills.tilt();
                tx += -side * laid.px(pills.nudge());
            }
            double[] o = origin(p);
            AffineTransform at = AffineTransform.getTranslateInstance(tx + o[0], ty + o[1]);
            at.rotate(Math.toRadians(rotate));
            at.scale(sx * Math.cos(Math.toRadians(rotateY)), sy);
            at.translate(-o[0], -o[1]);
            double[] m = new double[6];
            at.getMatrix(m);
            return new double[] {opacity, m[0], m[1], m[2], m[3], m[4], m[5]};
        }

        private static AffineTransform transform(double[] s) {
            return new AffineTransform(s[1], s[2], s[3], s[4], s[5], s[6]);
        }

        private double[] origin(Part p) {
            Rectangle2D b = p.box();
            return switch (motion.origin()) {
                case CENTER -> new double[] {b.getCenterX(), b.getCenterY()};
                case LEFT -> new double[] {b.getX(), b.getCenterY()};
                case BOTTOM -> new double[] {b.getCenterX(), b.getMaxY()};
                case BASELINE -> new double[] {b.getCenterX(), p.baseline()};
            };
        }
    }

    /** One of style 008's rules: above ({@code top}) or below the text, as wide as it, growing as the style says. */
    record Rule(TextMotion.Lines spec, LaidText laid, boolean top) implements MovingGroup {

        @Override
        public double endMs() {
            return spec.tweens().stream().mapToDouble(TextMotion.Tween::end).max().orElse(0);
        }

        @Override
        public Rectangle2D bounds(double ms) {
            Rectangle2D r = rect(ms);
            return r == null || r.getWidth() <= 0 || opacity(ms) <= 0 ? null : r;
        }

        @Override
        public void draw(Graphics2D g, double ms, boolean atRest) {
            Rectangle2D r = bounds(ms);
            if (r != null) {
                Graphics2D rg = (Graphics2D) g.create();
                rg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.min(1, opacity(ms))));
                rg.setColor(laid.settings().color().toAwt());
                rg.fill(r);
                rg.dispose();
            }
        }

        @Override
        public double[] signature(double ms) {
            Rectangle2D r = bounds(ms);
            return r == null ? new double[] {0} : new double[] {opacity(ms), r.getX(), r.getWidth()};
        }

        private double opacity(double ms) {
            double opacity = 1;
            for (TextMotion.Tween t : spec.tweens()) {
                if (t.property().equals("opacity")) {
                    opacity *= t.at(ms, 0, 0);
                }
            }
            return opacity;
        }

        private Rectangle2D rect(double ms) {
            Rectangle2D text = laid.textBounds();
            if (text == null) {
                return null;
            }
            double scaleX = 1;
            for (TextMotion.Tween t : spec.tweens()) {
                if (t.property().equals("scaleX")) {
                    scaleX *= t.at(ms, laid.fontSize(), 0);
                }
            }
            double thick = Math.max(1, laid.px(spec.thickness()));
            double gap = laid.px(spec.gap());
            double w = text.getWidth() * Math.max(0, scaleX);
            double x = spec.origin() == TextMotion.Origin.LEFT ? text.getX() : text.getCenterX() - w / 2;
            return new Rectangle2D.Double(x, top ? text.getY() - gap - thick : text.getMaxY() + gap, w, thick);
        }
    }
}
