package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.assemble.Assembler;
import dev.moviola.assemble.AudioMix;
import dev.moviola.assemble.Blends;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Problem;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.TimingVariables;
import dev.moviola.render.SceneRenderer;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.template.Expander;
import dev.moviola.template.Expansion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a render from document to finished file: compile (read, validate, fetch and probe sources, plan),
 * render each scene to a clip, then assemble (mix the sound, join the clips, mux) — each step skipped when
 * the cache (SPEC §4) has its result. The output appears only complete: it is written under a temporary name
 * and moved into place; a failed render leaves nothing. Thread-safe: every render keeps its state in its own
 * work directory.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    static final String MOVIES = "movie";
    static final String OUTPUT = "output.mp4";

    final Settings settings;
    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    final SceneRenderer scenes;
    private final AudioMix audio;
    private final Assembler assembler;
    final Blends blends;
    final CacheStore store;
    final Planning planning;

    /** Uses the cache store under the settings' cache directory. */
    public Pipeline(Settings settings, Ffmpeg ffmpeg) {
        this(settings, ffmpeg, new CacheStore(settings.cacheDir().resolve("store"), settings.cacheMaxBytes()));
    }

    /**
     * @param store the cache; renders that share one store (one per process and cache directory) render a
     *              scene they both need only once
     */
    public Pipeline(Settings settings, Ffmpeg ffmpeg, CacheStore store) {
        this.settings = settings;
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.scenes = new SceneRenderer(ffmpeg, () -> new FontCatalog(settings.fontDirs()), settings.sceneTimeout());
        this.audio = new AudioMix(ffmpeg, settings.assembleTimeout());
        this.assembler = new Assembler(ffmpeg, settings.assembleTimeout());
        this.blends = new Blends(ffmpeg, settings.sceneTimeout());
        this.store = store;
        this.planning = new Planning(settings, ffmpeg, probe, store);
    }

    /**
     * Reads, templates and validates a document. Touches nothing but the text: an invalid movie is refused
     * before any file, network or ffmpeg is used.
     *
     * @param variables request variables (CLI {@code --var}), replacing movie variables of the same name
     */
    public static Document read(String json, Map<String, Object> variables, Settings settings)
            throws InvalidMovieException {
        Expansion expansion = Expander.expand(MovieReader.parseJson(json), variables, settings.limits());
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
        return planning.plan(planning.prepare(document, baseDir, workDir, options));
    }

    /** Renders a validated movie into {@code output}, under a fresh job id. */
    public RenderResult render(Document document, Path baseDir, Path output, RenderOptions options,
            ProgressListener listener) throws InvalidMovieException, RenderFailure, InterruptedException {
        return render(document, baseDir, output, options, "render-" + java.util.UUID.randomUUID(), listener);
    }

    /**
     * What the movie cache's producer made besides the file: the plan and how the scene cache served it.
     * Mutable, but confined to the render's own thread (the producer runs on the caller's thread).
     */
    private static final class Made {
        Compiled compiled;
        SceneCache scenes;
    }

    /**
     * Renders a validated movie into {@code output}: from the movie cache when the same movie was rendered
     * before (then without planning it), else scene by scene (from the scene cache where it can).
     *
     * @param jobId names the plan and intermediates: {@code render-plans/{jobId}/plan.json},
     *              {@code intermediates/{jobId}/} under this render's work directory
     */
    public RenderResult render(Document document, Path baseDir, Path output, RenderOptions options, String jobId,
            ProgressListener listener) throws InvalidMovieException, RenderFailure, InterruptedException {
        Path workDir = WorkFiles.createWorkDir(settings.workDir());
        Map<String, Long> timings = new LinkedHashMap<>();
        boolean done = false;
        try {
            long t0 = System.nanoTime();
            enter(Phase.PLANNING, listener, "reading the movie and its sources");
            Planning.Prepared prepared = planning.prepare(document, baseDir, workDir, options);
            Path partial = WorkFiles.partialNextTo(output);
            Made made = new Made();
            CacheStore.Obtained movie = obtainMovie(prepared.key(), prepared.reuseMovie(), workDir.resolve("movie"), cached -> {
                if (cached.isPresent()) {
                    timings.put(Phase.PLANNING.word(), millisSince(t0));
                    return Optional.empty();
                }
                made.compiled = planning.plan(prepared);
                RenderPlan plan = made.compiled.plan();
                Path planFile = workDir.resolve("render-plans").resolve(jobId).resolve("plan.json");
                writePlan(plan, planFile);
                listener.planned(plan.scenes().size(), planFile);
                timings.put(Phase.PLANNING.word(), millisSince(t0));
                listener.progress(Phase.PLANNING.overall(1));
                made.scenes = new SceneCache(store, plan);
                return Optional.of(renderMovie(plan, made.scenes, options, jobId, workDir, partial, timings, listener));
            });
            timings.putIfAbsent(Phase.PLANNING.word(), millisSince(t0)); // made by a concurrent render of the same movie

            long t3 = System.nanoTime();
            enter(Phase.UPLOADING, listener, movie.hit() ? "the same movie was rendered before: copying it"
                    : "moving the movie into place");
            if (movie.hit()) {
                WorkFiles.copy(movie.entry().file(OUTPUT), partial);
            }
            WorkFiles.moveIntoPlace(partial, output);
            timings.put(Phase.UPLOADING.word(), millisSince(t3));
            listener.progress(1);
            JsonNode meta = movie.entry().meta();
            LOG.info("done: {} ({} bytes)", output, meta.path("size").asLong());
            done = true;

            List<Problem> warnings = new ArrayList<>(prepared.readWarnings());
            meta.path("warnings").forEach(w -> warnings.add(Problem.warning(w.path("path").asText(), w.path("message").asText())));
            return new RenderResult(output.toAbsolutePath(), meta.path("duration").asDouble(), meta.path("width").asInt(),
                    meta.path("height").asInt(), meta.path("size").asLong(), meta.path("scenes").asInt(),
                    meta.path("workers").asInt(), timings, warnings, ffmpeg.installation().version(),
                    cacheUse(prepared, movie.hit(), made.scenes));
        } catch (IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write the work files: " + e.getMessage(), null, null, e);
        } finally {
            if (options.keepWork()) {
                LOG.warn("work files kept in {}{}", workDir, done ? "" : " (the render failed)");
            } else {
                WorkFiles.deleteRecursively(workDir);
            }
        }
    }

    /** The movie from the cache, or made by {@code producer} (once, however many renders want it at once). */
    CacheStore.Obtained obtainMovie(String key, boolean reuse, Path into, CacheStore.Producer<Exception> producer)
            throws RenderFailure, InvalidMovieException, InterruptedException {
        try {
            return store.obtain(MOVIES, key, reuse, into, producer);
        } catch (RenderFailure | InvalidMovieException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure while rendering", e);
        }
    }

    private static void writePlan(RenderPlan plan, Path file) throws RenderFailure {
        try {
            PlanFiles.write(plan, file);
        } catch (IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write the plan " + file + ": " + e.getMessage(), null,
                    null, e);
        }
    }

    /**
     * Renders the plan's scenes (or takes them from the scene cache) and assembles them into {@code partial}:
     * the movie as the movie cache stores it.
     */
    private Fresh renderMovie(RenderPlan plan, SceneCache cache, RenderOptions options, String jobId, Path workDir,
            Path partial, Map<String, Long> timings, ProgressListener listener)
            throws RenderFailure, InterruptedException {
        try {
            return renderScenesAndAssemble(plan, cache, options, jobId, workDir, partial, timings, listener);
        } catch (IOException e) {
            WorkFiles.deleteQuietly(partial);
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write the work files: " + e.getMessage(), null, null, e);
        }
    }

    private Fresh renderScenesAndAssemble(RenderPlan plan, SceneCache cache, RenderOptions options, String jobId,
            Path workDir, Path partial, Map<String, Long> timings, ProgressListener listener)
            throws RenderFailure, InterruptedException, IOException {
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
        SceneTasks.Result rendered;
        try {
            Future<Path> sound = mixer.submit(() -> cache.sound(intermediates, () -> mixSound(plan, intermediates)));
            enter(Phase.RENDERING, listener, "scenes in parallel");
            rendered = new SceneTasks(scenes, blends, settings, cache).run(plan, intermediates, workers, listener, mixer);
            timings.put(Phase.RENDERING.word(), millisSince(t1));

            long t2 = System.nanoTime();
            enter(Phase.ASSEMBLING, listener, "joining " + rendered.clips().size() + " clips with the sound");
            assemble(plan, rendered.clips(), rendered.transitions(), awaitSound(sound), intermediates, partial);
            timings.put(Phase.ASSEMBLING.word(), millisSince(t2));
        } finally {
            SceneTasks.stop(mixer);
        }
        ObjectNode meta = movieMeta(plan, probeOutput(partial), partial, workers, rendered.clips());
        if (!options.keepWork()) {
            WorkFiles.deleteRecursively(intermediates);
        }
        return Fresh.copied(Map.of(OUTPUT, partial), meta);
    }

    /** What the movie cache keeps beside the movie: its figures, and the plan's and the scenes' warnings. */
    static ObjectNode movieMeta(RenderPlan plan, MediaInfo info, Path movie, int workers, List<dev.moviola.render.Clip> clips)
            throws IOException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("duration", plan.duration())
                .put("scenes", plan.scenes().size()).put("width", info.width()).put("height", info.height())
                .put("size", Files.size(movie)).put("workers", workers);
        // The plan's warnings and the scenes': a movie-cache hit reports them without planning.
        ArrayNode warnings = meta.putArray("warnings");
        plan.warnings().forEach(w -> warnings.addObject().put("path", w.path()).put("message", w.message()));
        clips.forEach(c -> c.warnings().forEach(w -> warnings.addObject().put("path", w.path())
                .put("message", w.message())));
        return meta;
    }

    /** @param scenes null when the movie came from the cache (no scene was looked at) */
    static CacheUse cacheUse(Planning.Prepared prepared, boolean movieHit, SceneCache scenes) {
        Assets assets = prepared.assets();
        int reused = (int) assets.bySource().values().stream().filter(Asset::reused).count();
        String movie = movieHit ? "hit" : prepared.reuseMovie() ? "miss" : "skipped";
        if (scenes == null) {
            return new CacheUse(movie, 0, 0, 0, 0, movieHit, reused, assets.bySource().size() - reused);
        }
        return new CacheUse(movie, scenes.scenesHit.get(), scenes.scenesRendered.get(), scenes.transitionsHit.get(),
                scenes.transitionsRendered.get(), scenes.soundHit, reused, assets.bySource().size() - reused);
    }

    /** One log line per phase: what the job is doing now. */
    private static void enter(Phase phase, ProgressListener listener, String what) {
        LOG.info("{}: {}", phase.word(), what);
        listener.phase(phase);
    }

    Path mixSound(RenderPlan plan, Path workDir) throws FfmpegException, IOException, InterruptedException {
        Path sound = workDir.resolve("audio.m4a");
        audio.mix(plan, workDir, sound, null);
        return sound;
    }

    private static Path awaitSound(Future<Path> sound) throws RenderFailure, InterruptedException {
        try {
            return sound.get();
        } catch (ExecutionException e) {
            throw soundFailure(e.getCause());
        }
    }

    static RenderFailure soundFailure(Throwable cause) {
        String code = cause instanceof FfmpegTimeoutException ? "RENDER_TIMEOUT" : "ASSEMBLE_FAILED";
        return new RenderFailure(code, "mixing the sound failed: " + cause.getMessage(), null, null, cause);
    }

    /** Joins the clips, the blended transitions and the sound into {@code partial} (removed when it fails). */
    void assemble(RenderPlan plan, List<dev.moviola.render.Clip> clips, List<Path> transitions, Path sound,
            Path workDir, Path partial) throws RenderFailure, InterruptedException {
        try {
            try {
                assembler.join(plan, clips, transitions, sound, workDir, partial);
            } catch (FfmpegException | IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        } catch (FfmpegTimeoutException e) {
            throw new RenderFailure("RENDER_TIMEOUT", "assembly: " + e.getMessage(), null, null, e);
        } catch (FfmpegException | IOException e) {
            throw new RenderFailure("ASSEMBLE_FAILED", "assembly failed: " + e.getMessage(), null, null, e);
        }
    }

    MediaInfo probeOutput(Path partial) throws RenderFailure, InterruptedException {
        try {
            return probe.probe(partial);
        } catch (FfmpegException e) {
            WorkFiles.deleteQuietly(partial);
            throw new RenderFailure("ASSEMBLE_FAILED", "the assembled movie is unreadable: " + e.getMessage(), null,
                    null, e);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
