package dev.moviola.render;

import dev.moviola.asset.AssetStore;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.h264.ParameterSets;
import dev.moviola.h264.UnsupportedStreamException;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import dev.moviola.plan.Output;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.text.DraftWatermark;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.render.text.RasterText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders one scene of a plan into one clip: draws its texts, prepares its sources, builds its filter graph
 * and runs ffmpeg once. Knows nothing of other scenes, so scenes can render in any order, in parallel.
 * Thread-safe: all per-scene state lives in the call; the parameter sets it asks x264 for are shared, under a lock.
 */
public final class SceneRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(SceneRenderer.class);
    private final Ffmpeg ffmpeg;
    private final Supplier<FontCatalog> fontSource;
    private final Duration timeout;
    /** Whether a still scene body is encoded once ({@link StillClip}) rather than frame by frame. */
    private final boolean stillFrames;
    /**
     * The parameter sets of the clips' settings, by settings and size: the same for every scene, so each is asked of
     * x264 once. Shared by the scenes rendering at once, guarded by itself.
     */
    private final Map<String, ParameterSets> referenceSets = new HashMap<>();
    /** x264 options added to still bodies' keyframes only: how tests give them settings the writer must refuse. */
    private final List<String> stillOptions;
    /** Made on first use: loading fonts costs a scan of the system's, which text-free renders never need. */
    private FontCatalog fonts;

    /** @param stillFrames encode a scene body whose frames are all the same once (the {@code still-frames} setting) */
    public SceneRenderer(Ffmpeg ffmpeg, Supplier<FontCatalog> fonts, Duration timeout, boolean stillFrames) {
        this(ffmpeg, fonts, timeout, stillFrames, List.of());
    }

    SceneRenderer(Ffmpeg ffmpeg, Supplier<FontCatalog> fonts, Duration timeout, boolean stillFrames,
            List<String> stillOptions) {
        this.ffmpeg = ffmpeg;
        this.fontSource = fonts;
        this.timeout = timeout;
        this.stillFrames = stillFrames;
        this.stillOptions = List.copyOf(stillOptions);
    }

    public SceneRenderer(Ffmpeg ffmpeg, FontCatalog fonts, Duration timeout) {
        this(ffmpeg, () -> fonts, timeout, true);
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
        return render(scene, out, assets, workDir, threads, progress, sound, stillFrames);
    }

    private Clip render(ScenePlan scene, Output out, AssetStore assets, Path workDir, int threads,
            DoubleConsumer progress, MovieSound sound, boolean stills) throws SceneRenderException, InterruptedException {
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
            // encoding, with its own keyframe, so it can be joined by stream copy. A body whose frames all repeat its
            // first is encoded once: x264 encodes that frame, StillClip writes the rest. Only a whole body: a still
            // run cut out of a changing one would cost a keyframe x264 does not need (it codes the change as a P
            // frame), and the file would grow by a picture.
            boolean still = stills && bodyEnd - head >= minStill(out) && g.changes().still(head, bodyEnd);
            List<Part> parts = new ArrayList<>();
            if (head > 0) {
                parts.add(new Part(workDir.resolve(name + "_head.mkv"), 0, head, lossless()));
            }
            Part body = bodyEnd <= head ? null : still
                    ? new Part(workDir.resolve(name + ".x264"), head, head + 1, stillArgs(out))
                    : new Part(workDir.resolve(name + ".mp4"), head, bodyEnd, encoded(out, threads));
            if (body != null) {
                parts.add(body);
            }
            Path tailFile = scene.tailFrames() > 0 ? workDir.resolve(name + "_tail.mkv") : null;
            if (tailFile != null) {
                parts.add(new Part(tailFile, bodyEnd, scene.frames(), lossless()));
            }
            List<long[]> ranges = parts.stream().map(p -> new long[] {p.from(), p.to()}).toList();
            List<String> labels = g.split(ranges);
            List<String> args = new ArrayList<>(g.inputArgs());
            args.addAll(ffmpeg.filterGraphArgs(g.graph(), workDir.resolve(name + ".graph")));
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                args.addAll(List.of("-map", "[" + labels.get(i) + "]", "-frames:v", Long.toString(part.to() - part.from())));
                args.addAll(part.args());
                args.add(part.file().toString());
            }
            double seconds = out.fps().timeOf(scene.frames());
            ffmpeg.run(scene.label(), args, timeout,
                    progress == null ? null : t -> progress.accept(Math.min(1, t / seconds)));
            Path bodyFile = body == null ? null : body.file();
            if (still) {
                bodyFile = workDir.resolve(name + ".mp4");
                try {
                    ParameterSets sets = StillClip.write(body.file(), bodyEnd - head, out, bodyFile);
                    ParameterSets expected = clipParameterSets(out, workDir);
                    if (!sets.equals(expected)) {
                        throw new UnsupportedStreamException("its parameter sets " + sets + " are not those of the "
                                + "scene clips' settings " + expected);
                    }
                } catch (UnsupportedStreamException e) {
                    LOG.warn("{}: its still frames are encoded by x264 instead: {}", scene.label(), e.getMessage());
                    return render(scene, out, assets, workDir, threads, progress, sound, false);
                }
            }
            clip = new Clip(scene.index(), head > 0 ? parts.get(0).file() : null, bodyFile, tailFile, scene.frames(),
                    warnings);
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

    /** One output of a scene's ffmpeg run: frames {@code [from, to)} of the scene, written with {@code args}. */
    private record Part(Path file, long from, long to, List<String> args) {
    }

    private List<String> stillArgs(Output out) {
        List<String> a = new ArrayList<>(VideoEncoding.stillArgs(out));
        a.addAll(a.size() - 2, stillOptions); // before -f h264
        return a;
    }

    private static List<String> lossless() {
        List<String> a = new ArrayList<>(VideoEncoding.losslessArgs());
        a.addAll(List.of("-f", "matroska"));
        return a;
    }

    private static List<String> encoded(Output out, int threads) {
        List<String> a = new ArrayList<>(VideoEncoding.sceneArgs(out, threads));
        a.addAll(List.of("-f", "mp4"));
        return a;
    }

    /** A still body of at least a second: for a shorter one the still clip's extra steps cost more than x264. */
    private static long minStill(Output out) {
        return Math.max(2, out.fps().frameAt(1.0));
    }

    /**
     * The parameter sets x264 writes with the scene clips' settings at this output's size, which a still clip must
     * share to be joined to them by stream copy: from one black frame, once per settings in this process.
     */
    private ParameterSets clipParameterSets(Output out, Path workDir)
            throws IOException, FfmpegException, InterruptedException {
        List<String> args = VideoEncoding.rawSceneArgs(out, 1);
        String key = out.width() + "x" + out.height() + " " + String.join(" ", args);
        synchronized (referenceSets) { // once per settings: scenes rendering at once wait for the first to ask
            ParameterSets known = referenceSets.get(key);
            if (known != null) {
                return known;
            }
            ParameterSets sets = askX264(out, args, workDir);
            referenceSets.put(key, sets);
            return sets;
        }
    }

    private ParameterSets askX264(Output out, List<String> args, Path workDir)
            throws IOException, FfmpegException, InterruptedException {
        Path file = Files.createTempFile(workDir, "reference", ".h264");
        try {
            List<String> run = new ArrayList<>(List.of("-f", "lavfi", "-i", "color=c=black:s=" + out.width() + "x"
                    + out.height() + ":r=" + out.fps(), "-frames:v", "1"));
            run.addAll(args);
            run.addAll(List.of("-f", "h264", file.toString()));
            ffmpeg.run("the scene clips' parameter sets", run, timeout, null);
            return ParameterSets.fromAnnexB(Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
