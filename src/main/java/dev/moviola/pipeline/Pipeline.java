package dev.moviola.pipeline;

import dev.moviola.asset.AssetException;
import dev.moviola.asset.AssetResolver;
import dev.moviola.asset.Assets;
import dev.moviola.asset.Fetcher;
import dev.moviola.assemble.Assembler;
import dev.moviola.assemble.Blends;
import dev.moviola.assemble.AudioMix;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Movie;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Parsed;
import dev.moviola.movie.Problem;
import dev.moviola.plan.Fingerprints;
import dev.moviola.plan.PlanCompiler;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.TimingVariables;
import dev.moviola.template.Expander;
import dev.moviola.template.Expansion;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.plan.RenderPlan;
import dev.moviola.render.SceneRenderer;
import dev.moviola.render.text.FontCatalog;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a render from document to finished file: compile (read, validate, fetch and probe sources, plan),
 * render each scene to a clip, then assemble (mix the sound, join the clips, mux). The output appears only
 * complete: it is written under a temporary name and moved into place; a failed render leaves nothing.
 * Thread-safe: every render keeps its state in its own work directory.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Settings settings;
    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final SceneRenderer scenes;
    private final AudioMix audio;
    private final Assembler assembler;
    private final Blends blends;

    public Pipeline(Settings settings, Ffmpeg ffmpeg) {
        this.settings = settings;
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.scenes = new SceneRenderer(ffmpeg, () -> new FontCatalog(settings.fontDirs()), settings.sceneTimeout());
        this.audio = new AudioMix(ffmpeg, settings.assembleTimeout());
        this.assembler = new Assembler(ffmpeg, settings.assembleTimeout());
        this.blends = new Blends(ffmpeg, settings.sceneTimeout());
    }

    /**
     * Reads, templates and validates a document. Touches nothing but the text: an invalid movie is refused
     * before any file, network or ffmpeg is used.
     *
     * @param variables request variables (CLI {@code --var}), replacing movie variables of the same name
     */
    public static Document read(String json, Map<String, Object> variables, Settings settings)
            throws InvalidMovieException {
        Expansion expansion = Expander.expand(MovieReader.parseJson(json), variables);
        JsonNode tree = expansion.deferred().isEmpty() ? expansion.document() : TimingVariables.withPlaceholders(expansion);
        return new Document(expansion, new MovieReader(settings.limits()).read(tree, expansion));
    }

    public static Document read(String json, Settings settings) throws InvalidMovieException {
        return read(json, Map.of(), settings);
    }

    /**
     * Makes a validated movie's sources local and plans the render.
     *
     * @param baseDir relative source paths are resolved against it (the movie file's directory)
     * @param workDir this render's own temporary directory (downloads go there)
     */
    public Compiled compile(Document document, Path baseDir, Path workDir, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Fetcher fetcher = new Fetcher(baseDir, workDir.resolve("downloads"), settings.downloadMaxBytes(),
                settings.downloadTimeout());
        Assets assets;
        try {
            assets = new AssetResolver(fetcher, probe).resolve(document.draft().movie());
        } catch (AssetException e) {
            throw new RenderFailure("ASSET_FETCH_FAILED", e.getMessage(), null, null, e);
        }
        Expansion expansion = document.expansion();
        JsonNode resolved = expansion.document();
        Parsed parsed = document.draft();
        if (!expansion.deferred().isEmpty()) {
            resolved = TimingVariables.resolve(expansion, parsed.movie(), assets);
            parsed = new MovieReader(settings.limits()).read(resolved, expansion);
        }
        Movie movie = options.quality() == null ? parsed.movie() : parsed.movie().withQuality(options.quality());
        RenderPlan plan = new PlanCompiler(settings.limits()).compile(movie, assets);
        plan = plan.withFingerprints(Fingerprints.of(plan, ffmpeg.installation().version()));
        List<Problem> warnings = new ArrayList<>(expansion.warnings());
        warnings.addAll(parsed.warnings());
        return new Compiled(movie, plan, warnings, resolved);
    }

    /** Renders a validated movie into {@code output}, under a fresh job id. */
    public RenderResult render(Document document, Path baseDir, Path output, RenderOptions options,
            ProgressListener listener) throws InvalidMovieException, RenderFailure, InterruptedException {
        return render(document, baseDir, output, options, "render-" + java.util.UUID.randomUUID(), listener);
    }

    /**
     * Renders a validated movie into {@code output}.
     *
     * @param jobId names the plan and intermediates: {@code render-plans/{jobId}/plan.json},
     *              {@code intermediates/{jobId}/} under this render's work directory
     */
    public RenderResult render(Document document, Path baseDir, Path output, RenderOptions options, String jobId,
            ProgressListener listener) throws InvalidMovieException, RenderFailure, InterruptedException {
        Path workDir = createWorkDir();
        Map<String, Long> timings = new LinkedHashMap<>();
        List<Problem> clipWarnings = new ArrayList<>();
        boolean done = false;
        try {
            long t0 = System.nanoTime();
            enter(Phase.PLANNING, listener, "reading the movie and its sources");
            Compiled compiled = compile(document, baseDir, workDir, options);
            RenderPlan plan = compiled.plan();
            PlanFiles.write(plan, workDir.resolve("render-plans").resolve(jobId).resolve("plan.json"));
            timings.put(Phase.PLANNING.word(), millisSince(t0));
            listener.progress(Phase.PLANNING.overall(1));

            long t1 = System.nanoTime();
            int workers = options.workers(plan.scenes().size(), settings.maxConcurrency());
            enter(Phase.DISPATCHING, listener, String.format(java.util.Locale.ROOT,
                    "%d scenes, %.2f s, %dx%d at %s fps, on %d workers", plan.scenes().size(), plan.duration(),
                    plan.output().width(), plan.output().height(), plan.output().fps(), workers));
            Path intermediates = Files.createDirectories(workDir.resolve("intermediates").resolve(jobId));
            // The sound needs no scene: it is mixed alongside them and is usually ready when they are.
            ExecutorService mixer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sound-mix");
                t.setDaemon(true);
                return t;
            });
            Path partial;
            try {
                Future<Path> sound = mixer.submit(() -> mixSound(plan, intermediates));
                enter(Phase.RENDERING, listener, "scenes in parallel");
                SceneTasks.Result rendered = new SceneTasks(scenes, blends, settings).run(plan, intermediates, workers,
                        listener);
                timings.put(Phase.RENDERING.word(), millisSince(t1));

                long t2 = System.nanoTime();
                enter(Phase.ASSEMBLING, listener, "joining " + rendered.clips().size() + " clips with the sound");
                partial = assemble(plan, rendered, awaitSound(sound), intermediates, output);
                rendered.clips().forEach(c -> clipWarnings.addAll(c.warnings()));
                timings.put(Phase.ASSEMBLING.word(), millisSince(t2));
            } finally {
                SceneTasks.stop(mixer);
            }

            long t3 = System.nanoTime();
            enter(Phase.UPLOADING, listener, "moving the movie into place");
            MediaInfo info = probeOutput(partial);
            long size = partial.toFile().length();
            moveIntoPlace(partial, output);
            if (!options.keepWork()) {
                deleteRecursively(intermediates);
            }
            timings.put(Phase.UPLOADING.word(), millisSince(t3));
            listener.progress(1);
            LOG.info("done: {} ({} bytes)", output, size);
            done = true;

            List<Problem> warnings = new ArrayList<>(compiled.warnings());
            warnings.addAll(clipWarnings);
            return new RenderResult(output.toAbsolutePath(), plan.duration(), info.width(), info.height(), size,
                    plan.scenes().size(), workers, timings, warnings, ffmpeg.installation().version());
        } catch (IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write the work files: " + e.getMessage(), null, null, e);
        } finally {
            if (options.keepWork()) {
                LOG.warn("work files kept in {}{}", workDir, done ? "" : " (the render failed)");
            } else {
                deleteRecursively(workDir);
            }
        }
    }

    /** One log line per phase: what the job is doing now. */
    private static void enter(Phase phase, ProgressListener listener, String what) {
        LOG.info("{}: {}", phase.word(), what);
        listener.phase(phase);
    }

    private Path mixSound(RenderPlan plan, Path workDir) throws FfmpegException, IOException, InterruptedException {
        Path sound = workDir.resolve("audio.m4a");
        audio.mix(plan, workDir, sound, null);
        return sound;
    }

    private static Path awaitSound(Future<Path> sound) throws RenderFailure, InterruptedException {
        try {
            return sound.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String code = cause instanceof FfmpegTimeoutException ? "RENDER_TIMEOUT" : "ASSEMBLE_FAILED";
            throw new RenderFailure(code, "mixing the sound failed: " + cause.getMessage(), null, null, cause);
        }
    }

    private Path assemble(RenderPlan plan, SceneTasks.Result rendered, Path sound, Path workDir, Path output)
            throws RenderFailure, InterruptedException {
        try {
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Not createTempFile: ffmpeg creates the file, so it gets the user's usual permissions.
            Path partial = dir.resolve("." + output.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
            try {
                assembler.join(plan, rendered.clips(), rendered.transitions(), sound, workDir, partial);
            } catch (FfmpegException | IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            return partial;
        } catch (FfmpegTimeoutException e) {
            throw new RenderFailure("RENDER_TIMEOUT", "assembly took longer than its time limit: " + e.getMessage(),
                    null, null, e);
        } catch (FfmpegException | IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "assembly failed: " + e.getMessage(), null, null, e);
        }
    }

    private MediaInfo probeOutput(Path partial) throws RenderFailure, InterruptedException {
        try {
            return probe.probe(partial);
        } catch (FfmpegException e) {
            deleteQuietly(partial);
            throw new RenderFailure("ASSEMBLE_FAILED", "the assembled movie is unreadable: " + e.getMessage(), null,
                    null, e);
        }
    }

    private static void moveIntoPlace(Path partial, Path output) throws RenderFailure {
        try {
            try {
                Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write " + output + ": " + e.getMessage(), null, null, e);
        }
    }

    /** A fresh directory for one render's temporary files. */
    public Path createWorkDir() throws RenderFailure {
        try {
            Files.createDirectories(settings.workDir());
            return Files.createTempDirectory(settings.workDir(), "moviola-");
        } catch (IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot create a work directory under " + settings.workDir()
                    + ": " + e.getMessage(), null, null, e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(Pipeline::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.getMessage());
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
