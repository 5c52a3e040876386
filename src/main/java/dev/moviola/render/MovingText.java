package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Problem;
import dev.moviola.movie.TextElement;
import dev.moviola.plan.Layer;
import dev.moviola.render.text.LaidText;
import dev.moviola.render.text.LaidText.Part;
import dev.moviola.render.text.Pills;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A text style that moves: each part (block, line, word, letter or pill) drawn once on a picture of its own, then
 * every frame of the animated span composed from those pictures with their opacity and transform at that time, and
 * written raw for ffmpeg; the layer holds the last frame, the text at rest, for the rest of its time. Frames in
 * which nothing moves (a delay, a pause) are drawn once and repeated.
 */
final class MovingText implements TextAnimation {
    private final TextMotion motion;

    MovingText(TextMotion motion) {
        this.motion = motion;
    }

    /** A part's look at one time: how opaque it is and where its picture goes on the text's canvas. */
    private record State(double opacity, AffineTransform transform) {
    }

    @Override
    public Painted show(TextElement text, LaidText laid, Layer layer, PaintContext c)
            throws IOException, FfmpegException, InterruptedException {
        if (motion.tweens().isEmpty() && motion.lines() == null && motion.pills() == null) {
            return TextStyles.still(text, laid.drawAll(wordPadding(laid)), laid.canvasX(), laid.canvasY(), c);
        }
        List<Problem> warnings = new ArrayList<>();
        List<Part> parts = motion.pills() == null ? laid.parts(motion.unit())
                : Pills.of(laid, text.text(), laid.px(motion.pills().paddingY()), laid.px(motion.pills().paddingX()),
                        laid.px(motion.pills().gap()), text.where().at("text"), warnings);
        c.warnings().addAll(warnings);
        if (parts.isEmpty() && laid.settings().backgroundColor().alpha() == 0) {
            return null;
        }
        double[] starts = starts(parts.size(), text.text());
        Fps fps = c.output().fps();
        double endMs = motion.end(parts.size());
        long restFrame = (long) Math.ceil(endMs / 1000.0 * fps.numerator() / fps.denominator() - 1e-9);
        long first = Math.max(0, layer.fromFrame() - layer.startFrame());
        long last = Math.max(first, layer.toFrame() - 1 - layer.startFrame());
        long upto = Math.min(restFrame, last);

        Rectangle2D area = null;
        for (long f = Math.min(first, upto); f <= upto; f++) {
            area = union(area, bounds(laid, parts, starts, ms(fps, f, restFrame)));
        }
        Rectangle frame = new Rectangle(-laid.canvasX(), -laid.canvasY(), laid.frameWidth(), laid.frameHeight());
        Rectangle visible = area == null ? new Rectangle() : area.getBounds().intersection(frame);
        if (visible.isEmpty()) {
            return null;
        }
        Rectangle canvas = TextStyles.evenAligned(visible, laid.canvasX(), laid.canvasY());
        BufferedImage rest = motion.endsAtRest() ? laid.drawAll(wordPadding(laid)) : null;
        try (FrameFile frames = new FrameFile(c.file("frames.rgba"), canvas.width, canvas.height)) {
            double[] drawn = null;
            long pending = 0;
            for (long f = Math.min(first, upto); f <= upto; f++) {
                double ms = ms(fps, f, restFrame);
                double[] signature = signature(laid, parts, starts, ms);
                if (drawn != null && Arrays.equals(signature, drawn) && !(f == restFrame && rest != null)) {
                    pending++;
                    continue;
                }
                if (pending > 0) {
                    frames.write(pending);
                }
                Graphics2D g = frames.graphics();
                try {
                    g.translate(-canvas.x, -canvas.y);
                    draw(g, laid, parts, starts, ms, f == restFrame ? rest : null);
                } finally {
                    g.dispose();
                }
                drawn = signature;
                pending = 1;
            }
            frames.write(pending);
            frames.close();
            LayerSource src = frames.source(fps);
            return new Painted(src, TextStyles.placed(text), Painted.exact(laid.canvasX() + canvas.x,
                    laid.canvasY() + canvas.y, src));
        }
    }

    /** Milliseconds since the element started at local frame {@code f}; at the rest frame, the end (exactly). */
    private double ms(Fps fps, long f, long restFrame) {
        return f >= restFrame ? Double.POSITIVE_INFINITY : fps.timeOf(f) * 1000;
    }

    private Double wordPadding(LaidText laid) {
        return motion.wordBoxes() == null ? null : laid.px(motion.wordBoxes());
    }

    /** When each part starts, in ms: the delay, the stagger, and a random delay that is the same for a text. */
    private double[] starts(int n, String text) {
        SplittableRandom random = new SplittableRandom(text.hashCode());
        double[] starts = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = motion.delay() + motion.stagger() * i + (motion.randomDelay() > 0
                    ? random.nextDouble() * motion.randomDelay() : 0);
        }
        return starts;
    }

    private void draw(Graphics2D g, LaidText laid, List<Part> parts, double[] starts, double ms, BufferedImage rest) {
        if (rest != null) {
            g.drawImage(rest, 0, 0, null);
        } else {
            laid.drawBackground(g);
            for (Part p : parts) {
                State s = state(laid, p, ms - starts[p.index()]);
                if (s.opacity <= 0) {
                    continue;
                }
                Graphics2D pg = (Graphics2D) g.create();
                if (motion.clipToLine()) {
                    double reach = p.box().getY() - p.sprite().y();
                    pg.clip(new Rectangle2D.Double(p.lineBox().getX() - laid.canvasWidth(), p.lineBox().getY() - reach,
                            p.lineBox().getWidth() + 2 * laid.canvasWidth(), p.lineBox().getHeight() + 2 * reach));
                }
                pg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.min(1, s.opacity)));
                AffineTransform at = new AffineTransform(s.transform);
                at.translate(p.sprite().x(), p.sprite().y());
                pg.drawImage(p.sprite().image(), at, null);
                pg.dispose();
            }
        }
        drawLines(g, laid, ms);
    }

    /** A part's opacity and transform {@code local} ms after it started (negative: not yet). */
    private State state(LaidText laid, Part p, double local) {
        double em = laid.fontSize();
        double above = -(laid.canvasY() + p.box().getMaxY()) - em;
        double opacity = 1;
        double tx = 0;
        double ty = 0;
        double scale = 1;
        double sx = 1;
        double sy = 1;
        double rotateY = 0;
        double rotate = 0;
        for (TextMotion.Tween t : motion.tweens()) {
            double v = t.at(Math.max(-1, local), em, above);
            switch (t.property()) {
                case "opacity" -> opacity *= Math.max(0, v);
                case "translateX" -> tx += v;
                case "translateY" -> ty += v;
                case "scale" -> scale *= v;
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
        double[] o = origin(p, motion.origin());
        AffineTransform at = AffineTransform.getTranslateInstance(tx + o[0], ty + o[1]);
        at.rotate(Math.toRadians(rotate));
        at.scale(scale * sx * Math.cos(Math.toRadians(rotateY)), scale * sy);
        at.translate(-o[0], -o[1]);
        return new State(opacity, at);
    }

    private static double[] origin(Part p, TextMotion.Origin origin) {
        Rectangle2D b = p.box();
        return switch (origin) {
            case CENTER -> new double[] {b.getCenterX(), b.getCenterY()};
            case LEFT -> new double[] {b.getX(), b.getCenterY()};
            case BOTTOM -> new double[] {b.getCenterX(), b.getMaxY()};
            case BASELINE -> new double[] {b.getCenterX(), p.baseline()};
        };
    }

    /** Style 008's rules above and below the text, as they are {@code ms} after the element started. */
    private void drawLines(Graphics2D g, LaidText laid, double ms) {
        for (Rectangle2D r : lines(laid, ms)) {
            Graphics2D lg = (Graphics2D) g.create();
            double opacity = lineOpacity(ms);
            lg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, Math.min(1, opacity))));
            lg.setColor(laid.settings().color().toAwt());
            lg.fill(r);
            lg.dispose();
        }
    }

    private double lineOpacity(double ms) {
        double opacity = 1;
        for (TextMotion.Tween t : motion.lines().tweens()) {
            if (t.property().equals("opacity")) {
                opacity *= t.at(ms, 0, 0);
            }
        }
        return opacity;
    }

    private List<Rectangle2D> lines(LaidText laid, double ms) {
        TextMotion.Lines spec = motion.lines();
        Rectangle2D text = laid.textBounds();
        if (spec == null || text == null) {
            return List.of();
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
        return List.of(new Rectangle2D.Double(x, text.getY() - gap - thick, w, thick),
                new Rectangle2D.Double(x, text.getMaxY() + gap, w, thick));
    }

    /** What the frame at {@code ms} covers on the text's canvas. */
    private Rectangle2D bounds(LaidText laid, List<Part> parts, double[] starts, double ms) {
        Rectangle2D area = null;
        if (laid.settings().backgroundColor().alpha() > 0) {
            area = laid.box();
        }
        for (Part p : parts) {
            State s = state(laid, p, ms - starts[p.index()]);
            if (s.opacity > 0) {
                Rectangle2D sprite = new Rectangle2D.Double(p.sprite().x(), p.sprite().y(),
                        p.sprite().image().getWidth(), p.sprite().image().getHeight());
                area = union(area, s.transform.createTransformedShape(sprite).getBounds2D());
            }
        }
        for (Rectangle2D r : lines(laid, ms)) {
            area = union(area, r);
        }
        return area;
    }

    /** Every number the frame at {@code ms} is drawn from: equal signatures, equal frames. */
    private double[] signature(LaidText laid, List<Part> parts, double[] starts, double ms) {
        double[] sig = new double[parts.size() * 7 + 2];
        int k = 0;
        for (Part p : parts) {
            State s = state(laid, p, ms - starts[p.index()]);
            sig[k++] = Math.max(0, s.opacity);
            double[] m = new double[6];
            s.transform.getMatrix(m);
            for (double v : m) {
                sig[k++] = s.opacity > 0 ? v : 0;
            }
        }
        sig[k++] = motion.lines() == null ? 0 : lineOpacity(ms);
        sig[k] = lines(laid, ms).stream().mapToDouble(Rectangle2D::getWidth).sum();
        return sig;
    }

    private static Rectangle2D union(Rectangle2D a, Rectangle2D b) {
        return a == null ? b : b == null ? a : a.createUnion(b);
    }
}
