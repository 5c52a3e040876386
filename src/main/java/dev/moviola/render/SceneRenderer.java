package dev.moviola.render;

import dev.moviola.asset.AssetStore;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import dev.moviola.plan.Output;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.text.DraftWatermark;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.render.text.RasterText;
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
     * @param assets   where the plan's sources are (the files this process fetched, or a shared blob store)
     * @param workDir  where this scene's temporary files and its clip go
     * @param threads  encoder threads for this scene (0: ffmpeg's choice), so parallel scenes share the CPU
     * @param progress told the fraction (0-1) of the scene rendered so far; may be null
     */
    public Clip render(ScenePlan scene, Output out, AssetStore assets, Path workDir, int threads, DoubleConsumer progress)
            throws SceneRenderException, InterruptedException {
        return render(scene, out, assets, workDir, threads, progress, MovieSound.NONE);
    }

    /** @param sound the movie's mixed sound, for a scene that draws it (an audiogram) */
    public Clip render(ScenePlan scene, Output out, AssetStore assets, Path workDir, int threads, DoubleConsumer progress,
            MovieSound sound) throws SceneRenderException, InterruptedException {
        String name = String.format(Locale.ROOT, "scene_%03d", scene.index());
        List<Problem> warnings = new ArrayList<>();
        long head = scene.headFrames();
        long bodyEnd = scene.frames() - scene.tailFrames();
        Clip clip;
        try {
            SceneGraph g = new SceneGraph(out.width(), out.height(), out.fps(), scene.frames(), scene.background());
            int n = 0;
            for (Layer layer : scene.layers()) {
                PaintContext context = new PaintContext(out, assets, this::fonts, ffmpeg, timeout,
                        workDir.resolve(name + "_layer_" + (n++)), warnings, sound, scene.startFrame());
                int part = 0;
                for (Painted painted : Painters.of(layer.element()).paint(layer, context)) {
                    Path mask = layer.mask() == null ? null : MaskPicture.prepare(context.file(layer.mask()),
                            painted.place().width(), painted.place().height(), context.file("_mask" + (part++) + ".png"),
                            context);
                    g.add(SceneGraph.Span.of(layer), painted, mask);
                }
            }
            if (scene.captions() != null && bodyEnd > head) {
                // Over the frames shown as they are; those that blend with a neighbour get theirs after the blend.
                CaptionLayer captions = CaptionTrack.draw(scene.captions(), out, scene.startFrame() + head,
                        scene.startFrame() + bodyEnd, fonts(), scene.captions().font() == null ? null
                                : assets.file(scene.captions().font()), workDir.resolve(name + "_captions"));
                captions.warnings().forEach(w -> warnings.add(Problem.warning(scene.captions().source(), w)));
                LayerSource src = captions.source();
                g.add(new SceneGraph.Span(head, bodyEnd, head, 0, 0, Double.POSITIVE_INFINITY),
                        new Painted(src, Visual.DEFAULT, Painted.exact(0, 0, src)));
            }
            if (out.draft()) {
                RasterText draft = DraftWatermark.draw(fonts(), out.width(), out.height());
                Path png = workDir.resolve(name + "_draft.png");
                ImageIO.write(draft.image(), "png", png.toFile());
                LayerSource src = LayerSource.still(png, draft.image().getWidth(), draft.image().getHeight());
                g.add(SceneGraph.Span.whole(scene.frames()), new Painted(src, Visual.DEFAULT, Painted.exact(draft.x(), draft.y(), src)));
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
}
