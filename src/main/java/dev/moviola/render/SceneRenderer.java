package dev.moviola.render;

import dev.moviola.asset.Asset;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.Crop;
import dev.moviola.movie.Fps;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.Playback;
import dev.moviola.movie.Problem;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.VideoElement;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import dev.moviola.plan.Output;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.text.DraftWatermark;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.render.text.RasterText;
import dev.moviola.render.text.TextRasterizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Renders one scene of a plan into one clip: draws its texts, prepares its sources, builds its filter graph
 * and runs ffmpeg once. Knows nothing of other scenes, so scenes can render in any order, in parallel.
 * Thread-safe: all per-scene state lives in the call.
 */
public final class SceneRenderer {
    private final Ffmpeg ffmpeg;
    private final Supplier<FontCatalog> fontSource;
    private final Duration timeout;
    /** Made on first use: loading fonts costs a scan of the system's, which text-free renders never need. */
    private FontCatalog fonts;

    public SceneRenderer(Ffmpeg ffmpeg, Supplier<FontCatalog> fonts, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.fontSource = fonts;
        this.timeout = timeout;
    }

    public SceneRenderer(Ffmpeg ffmpeg, FontCatalog fonts, Duration timeout) {
        this(ffmpeg, () -> fonts, timeout);
    }

    private synchronized FontCatalog fonts() {
        if (fonts == null) {
            fonts = fontSource.get();
        }
        return fonts;
    }

    /**
     * @param workDir  where this scene's temporary files and its clip go
     * @param threads  encoder threads for this scene (0: ffmpeg's choice), so parallel scenes share the CPU
     * @param progress told the fraction (0-1) of the scene rendered so far; may be null
     */
    public Clip render(ScenePlan scene, Output out, Path workDir, int threads, DoubleConsumer progress)
            throws SceneRenderException, InterruptedException {
        String name = String.format(Locale.ROOT, "scene_%03d", scene.index());
        List<Problem> warnings = new ArrayList<>();
        long head = scene.headFrames();
        long bodyEnd = scene.frames() - scene.tailFrames();
        Clip clip;
        try {
            SceneGraph g = new SceneGraph(out.width(), out.height(), out.fps(), scene.frames(), scene.background());
            int n = 0;
            for (Layer layer : scene.layers()) {
                addLayer(g, layer, out, workDir.resolve(name + "_layer_" + (n++)), warnings);
            }
            if (out.draft()) {
                RasterText draft = DraftWatermark.draw(fonts(), out.width(), out.height());
                Path png = workDir.resolve(name + "_draft.png");
                ImageIO.write(draft.image(), "png", png.toFile());
                LayerSource src = LayerSource.still(png, draft.image().getWidth(), draft.image().getHeight());
                g.add(SceneGraph.Span.whole(scene.frames()), Visual.DEFAULT, src, exact(draft.x(), draft.y(), src));
            }
            // One picture, up to three outputs: the frames that blend with the neighbours go to small lossless
            // files for the transitions; the body is encoded as the movie will show it and starts, like any
            // encoding, with its own keyframe, so it can be joined by stream copy.
            Path headFile = head > 0 ? workDir.resolve(name + "_head.mkv") : null;
            Path bodyFile = bodyEnd > head ? workDir.resolve(name + ".mp4") : null;
            Path tailFile = scene.tailFrames() > 0 ? workDir.resolve(name + "_tail.mkv") : null;
            List<long[]> ranges = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (Object[] part : new Object[][] {{headFile, 0L, head}, {bodyFile, head, bodyEnd},
                {tailFile, bodyEnd, scene.frames()}}) {
                if (part[0] != null) {
                    files.add((Path) part[0]);
                    ranges.add(new long[] {(Long) part[1], (Long) part[2]});
                }
            }
            List<String> labels = g.split(ranges);
            List<String> args = new ArrayList<>(g.inputArgs());
            args.addAll(ffmpeg.filterGraphArgs(g.graph(), workDir.resolve(name + ".graph")));
            for (int i = 0; i < files.size(); i++) {
                long frames = ranges.get(i)[1] - ranges.get(i)[0];
                args.addAll(List.of("-map", "[" + labels.get(i) + "]", "-frames:v", Long.toString(frames)));
                Path file = files.get(i);
                args.addAll(file == bodyFile ? VideoEncoding.sceneArgs(out, threads) : VideoEncoding.losslessArgs());
                args.addAll(List.of("-f", file == bodyFile ? "mp4" : "matroska", file.toString()));
            }
            clip = new Clip(scene.index(), headFile, bodyFile, tailFile, scene.frames(), warnings);
            double seconds = out.fps().timeOf(scene.frames());
            ffmpeg.run(scene.label(), args, timeout,
                    progress == null ? null : t -> progress.accept(Math.min(1, t / seconds)));
        } catch (FfmpegTimeoutException e) {
            throw new SceneRenderException(scene.index(), scene.id(), e.getMessage(), true, e); // says which limit
        } catch (FfmpegException e) {
            throw new SceneRenderException(scene.index(), scene.id(), e.getMessage(), false, e);
        } catch (IOException e) {
            throw new SceneRenderException(scene.index(), scene.id(), scene.label() + " failed: " + e.getMessage(),
                    false, e);
        }
        return clip;
    }

    private void addLayer(SceneGraph g, Layer layer, Output out, Path base, List<Problem> warnings)
            throws IOException, FfmpegException, InterruptedException {
        if (layer.element() instanceof TextElement t) {
            RasterText r = new TextRasterizer(fonts()).rasterize(t, out.width(), out.height(),
                    layer.asset() == null ? null : layer.asset().file());
            warnings.addAll(r.warnings());
            if (r.image() == null) {
                return;
            }
            Path png = Path.of(base + ".png");
            ImageIO.write(r.image(), "png", png.toFile());
            LayerSource src = LayerSource.still(png, r.image().getWidth(), r.image().getHeight());
            Visual v = t.visual();
            Visual drawn = new Visual(v.position(), v.x(), v.y(), null, null, v.resize(), null, v.flipHorizontal(),
                    v.flipVertical(), v.opacity(), v.zIndex());
            g.add(SceneGraph.Span.of(layer), drawn, src, exact(r.x(), r.y(), src));
            return;
        }
        Asset asset = layer.asset();
        MediaInfo info = asset.info();
        Visual v = layer.element().visual();
        int[] size = croppedSize(layer, v.crop(), info);
        Placement place = Placement.of(v, size[0], size[1], out.width(), out.height());
        LayerSource src;
        if (layer.element() instanceof ImageElement && info.isStill()) {
            src = LayerSource.still(asset.file(), size[0], size[1]);
        } else {
            Playback p = layer.element() instanceof VideoElement ve ? ve.playback() : new Playback(0, Playback.FOREVER, 1, true);
            src = moving(layer, p, asset.file(), info, size, out.fps(), base);
        }
        g.add(SceneGraph.Span.of(layer), v, src, place);
    }

    /** A picture drawn at its own size. */
    private static Placement exact(int x, int y, LayerSource src) {
        return new Placement(x, y, src.width(), src.height(), 0, 0, src.width(), src.height());
    }

    private static int[] croppedSize(Layer layer, Crop c, MediaInfo info) throws IOException {
        if (c == null) {
            return new int[] {info.width(), info.height()};
        }
        if (c.x() >= info.width() || c.y() >= info.height()) {
            throw new IOException(layer.element().where().at("crop") + ": the crop starts outside the source, which is "
                    + info.width() + "x" + info.height() + " pixels");
        }
        return new int[] {Math.min(c.width(), info.width() - c.x()), Math.min(c.height(), info.height() - c.y())};
    }

    /**
     * A video (or animated GIF) positioned at the content the layer's first visible frame needs: the seek plus
     * how far into its play the element already is, looping with {@code -stream_loop}. ffmpeg restarts a looped
     * input at its beginning, not at the seek point, so a seek combined with looping first cuts the looped part
     * into its own file.
     */
    private LayerSource moving(Layer layer, Playback p, Path file, MediaInfo info, int[] size, Fps fps, Path base)
            throws FfmpegException, InterruptedException {
        long firstLocal = layer.fromFrame() - layer.startFrame();
        long playFrames = Math.max(1, fps.frameAt(layer.play()));
        long contentFrom = Math.min(firstLocal, playFrames - 1);
        long contentFrames = playFrames - contentFrom;
        double t = fps.timeOf(contentFrom);
        List<String> opts = new ArrayList<>();
        double length = info.pictureLength();
        if (p.loop() == 1 || !(length > 0)) {
            addSeek(opts, p.seek() + t);
        } else {
            Path source = file;
            double seek = p.seek();
            if (seek > 0) {
                source = cutForLooping(file, seek, Path.of(base + "_loop.mkv"));
                length -= seek;
            }
            long playsDone = (long) Math.floor(t / length);
            long remaining = p.loopsForever() ? -1 : Math.max(1, p.loop() - playsDone);
            opts.addAll(List.of("-stream_loop", Long.toString(remaining < 0 ? -1 : remaining - 1)));
            addSeek(opts, t - playsDone * length);
            return new LayerSource(source, false, opts, size[0], size[1], contentFrames);
        }
        return new LayerSource(file, false, opts, size[0], size[1], contentFrames);
    }

    private static void addSeek(List<String> opts, double seconds) {
        if (seconds > 0) {
            opts.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", seconds)));
        }
    }

    private Path cutForLooping(Path file, double seek, Path target) throws FfmpegException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(MediaProbe.sourceInputOptions());
        args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", seek), "-i", MediaProbe.input(file),
                "-map", "0:v:0", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
                "-f", "matroska", target.toString()));
        ffmpeg.run("cut " + file.getFileName() + " for looping", args, timeout, null);
        return target;
    }
}
