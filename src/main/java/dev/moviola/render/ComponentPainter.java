package dev.moviola.render;

import dev.moviola.movie.ComponentElement;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import dev.moviola.render.component.ComponentFrames;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paints a component: its frames drawn with Java2D only while something moves, written raw; ffmpeg holds the last
 * one (the finished state) for the rest of the element's time. The picture is only as large as what it draws.
 */
final class ComponentPainter implements LayerPainter {

    @Override
    public List<Painted> paint(Layer layer, PaintContext c) throws IOException, InterruptedException {
        ComponentElement e = (ComponentElement) layer.element();
        int frameW = c.output().width();
        int frameH = c.output().height();
        Visual v = e.visual();
        int boxW = v.width() != null ? v.width() : frameW;
        int boxH = v.height() != null ? v.height() : frameH;
        int boxX = Placement.anchor(v.position().isPreset(), v.position().horizontal, frameW, boxW) + v.x();
        int boxY = Placement.anchor(v.position().isPreset(), v.position().vertical, frameH, boxH) + v.y();
        Map<String, Path> pictures = new HashMap<>();
        for (int i = 0; i < e.pictures().size() && i < layer.assets().size(); i++) {
            pictures.put(e.pictures().get(i).group(), readable(c.file(layer.assets().get(i)), i, c));
        }
        ComponentFrames frames;
        try {
            frames = new ComponentFrames(e, boxW, boxH, c.fonts().get(), pictures);
        } catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
            throw new IOException(e.where() + " (component " + e.component() + "): " + ex.getMessage(), ex);
        }
        Fps fps = c.output().fps();
        AnimatedSpan span = AnimatedSpan.of(frames.endMs(), layer, fps, frames::bounds);
        long restFrame = span.restFrame(), from = span.from(), upto = span.upto(), shows = span.shows();
        Rectangle2D area = span.area();
        Rectangle visibleFrame = new Rectangle(-boxX, -boxY, frameW, frameH);
        Rectangle visible = area == null ? new Rectangle() : area.getBounds().intersection(visibleFrame)
                .intersection(new Rectangle(0, 0, boxW, boxH));
        if (visible.isEmpty()) {
            return List.of();
        }
        Rectangle canvas = TextStyles.evenAligned(visible, boxX, boxY);
        try (FrameFile out = new FrameFile(c.file("_component.rgba"), canvas.width, canvas.height)) {
            List<Double> drawn = null;
            long pending = 0;
            for (long f = shows; f <= upto; f++) {
                double ms = span.ms(f);
                List<Double> signature = frames.signature(ms);
                if (drawn != null && signature.equals(drawn) && f != restFrame) {
                    pending++;
                    continue;
                }
                if (pending > 0) {
                    out.write(pending);
                }
                Graphics2D g = out.graphics();
                try {
                    g.translate(-canvas.x, -canvas.y);
                    frames.draw(g, ms);
                } finally {
                    g.dispose();
                }
                drawn = signature;
                pending = 1;
            }
            out.write(pending);
            out.close();
            LayerSource src = out.source(fps);
            return List.of(new Painted(src, v.atOwnSize(), Painted.exact(boxX + canvas.x, boxY + canvas.y, src))
                    .delayed(shows - from));
        }
    }

    /**
     * The picture as Java reads it: a PNG or JPEG as it is, anything else the resolver accepted (WebP, TIFF…)
     * converted to PNG by ffmpeg once.
     */
    private static Path readable(Path file, int index, PaintContext c) throws IOException, InterruptedException {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            if (in != null && javax.imageio.ImageIO.getImageReaders(in).hasNext()) {
                return file;
            }
        }
        Path png = c.file("_picture" + index + ".png");
        List<String> args = new java.util.ArrayList<>(dev.moviola.ffmpeg.MediaProbe.sourceInputOptions());
        args.addAll(List.of("-i", dev.moviola.ffmpeg.MediaProbe.input(file), "-frames:v", "1", "-y", png.toString()));
        try {
            c.ffmpeg().run("convert " + file.getFileName() + " for a component", args, c.timeout(), null);
        } catch (dev.moviola.ffmpeg.FfmpegException ex) {
            throw new IOException("cannot read the component's picture " + file.getFileName() + ": " + ex.getMessage(), ex);
        }
        return png;
    }

}
