package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Problem;
import dev.moviola.movie.TextElement;
import dev.moviola.plan.Layer;
import dev.moviola.render.text.LaidText;
import dev.moviola.render.text.LaidText.Part;
import dev.moviola.render.text.Pills;
import dev.moviola.render.text.Sprite;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A text style that moves: each part (block, line, word, letter or pill) drawn once on a picture of its own, then
 * every frame in which it moves composed from those pictures with their opacity and transform at that time, and
 * written raw for ffmpeg, which holds the last frame, the text at rest, for the rest of the layer's time.
 *
 * <p>Each line moves as a picture of its own, only as large as the line and only for the frames in which it moves
 * (a paragraph shown word by word writes each line's frames while that line appears, not the whole paragraph for
 * the whole time); the box's background is a still under them. Frames in which nothing moves (a delay) are drawn
 * once and repeated.
 */
final class MovingText implements TextAnimation {
    private final TextMotion motion;

    MovingText(TextMotion motion) {
        this.motion = motion;
    }

    @Override
    public List<Painted> show(TextElement text, LaidText laid, Layer layer, PaintContext c)
            throws IOException, FfmpegException, InterruptedException {
        Double wordPadding = motion.wordBoxes() == null ? null : laid.px(motion.wordBoxes());
        if (motion.tweens().isEmpty() && motion.lines() == null && motion.pills() == null) {
            return TextStyles.still(text, laid.drawAll(wordPadding), laid.canvasX(), laid.canvasY(), c);
        }
        List<Problem> warnings = new ArrayList<>();
        List<Part> parts = motion.pills() == null ? laid.parts(motion.unit())
                : Pills.of(laid, text.text(), laid.px(motion.pills().paddingY()), laid.px(motion.pills().paddingX()),
                        laid.px(motion.pills().gap()), text.where().at("text"), warnings);
        c.warnings().addAll(warnings);
        double[] starts = starts(parts.size(), text.text());

        List<Painted> out = new ArrayList<>();
        if (laid.settings().backgroundColor().alpha() > 0) {
            BufferedImage box = new BufferedImage(laid.canvasWidth(), laid.canvasHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = box.createGraphics();
            laid.drawBackground(g);
            g.dispose();
            out.addAll(TextStyles.still(text, box, laid.canvasX(), laid.canvasY(), c));
        }
        Map<Integer, List<Part>> lines = new LinkedHashMap<>();
        parts.forEach(p -> lines.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p));
        List<Part> restLines = !motion.endsAtRest() ? null
                : motion.unit() == LaidText.Kind.BLOCK ? parts : laid.parts(LaidText.Kind.LINE);
        List<MovingGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<Part>> line : lines.entrySet()) {
            Sprite rest = restLines == null ? null : restLines.get(line.getKey()).sprite();
            groups.add(new MovingGroup.Parts(motion, laid, line.getValue(), starts, rest));
        }
        if (motion.lines() != null) {
            groups.add(new MovingGroup.Rule(motion.lines(), laid, true));
            groups.add(new MovingGroup.Rule(motion.lines(), laid, false));
        }
        for (int i = 0; i < groups.size(); i++) {
            out.addAll(animate(groups.get(i), text, laid, layer, c, "_line" + i + ".rgba"));
        }
        return out;
    }

    /** One group's frames, from the first in which it shows to the one in which it is at rest, as a picture. */
    private List<Painted> animate(MovingGroup group, TextElement text, LaidText laid, Layer layer, PaintContext c,
            String name) throws IOException {
        Fps fps = c.output().fps();
        AnimatedSpan span = AnimatedSpan.of(group.endMs(), layer, fps, group::bounds);
        long restFrame = span.restFrame(), from = span.from(), upto = span.upto(), shows = span.shows();
        Rectangle2D area = span.area();
        Rectangle frame = new Rectangle(-laid.canvasX(), -laid.canvasY(), laid.frameWidth(), laid.frameHeight());
        Rectangle visible = area == null ? new Rectangle() : area.getBounds().intersection(frame);
        if (visible.isEmpty()) {
            return List.of();
        }
        Rectangle canvas = TextStyles.evenAligned(visible, laid.canvasX(), laid.canvasY());
        try (FrameFile frames = new FrameFile(c.file(name), canvas.width, canvas.height)) {
            double[] drawn = null;
            long pending = 0;
            for (long f = shows; f <= upto; f++) {
                double ms = span.ms(f);
                double[] signature = group.signature(ms);
                if (drawn != null && Arrays.equals(signature, drawn) && f != restFrame) {
                    pending++;
                    continue;
                }
                if (pending > 0) {
                    frames.write(pending);
                }
                Graphics2D g = frames.graphics();
                try {
                    g.translate(-canvas.x, -canvas.y);
                    group.draw(g, ms, f == restFrame);
                } finally {
                    g.dispose();
                }
                drawn = signature;
                pending = 1;
            }
            frames.write(pending);
            frames.close();
            LayerSource src = frames.source(fps);
            return List.of(new Painted(src, TextStyles.placed(text), Painted.exact(laid.canvasX() + canvas.x,
                    laid.canvasY() + canvas.y, src)).delayed(shows - from));
        }
    }

    /** Milliseconds since the element started at local frame {@code f}; at the rest frame, the end (exactly). */

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
}
