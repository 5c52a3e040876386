package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Problem;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.TimingVariables;
import dev.moviola.template.Expander;
import dev.moviola.template.Expansion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a render in this process, from document to finished file (the CLI's runner): the {@link Stages} in order —
 * plan, the scenes on a pool of workers with the sound mixed alongside and each transition as soon as its scenes
 * are done, assemble — each taken from the cache where it can be. The output appears only complete: it is written
 * under a temporary name and moved into place; a failed render leaves nothing. Thread-safe: every render keeps its
 * state in its own work directory.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Settings settings;
    private final Ffmpeg ffmpeg;
    private final Stages stages;

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
        this.stages = new Stages(settings, ffmpeg, store);
    }

    /** Ends what the stages keep running between renders (the browser of html elements); renders may not follow. */
    @Override
    public void close() {
        stages.close();
    }

    /** The stages this runner runs, for runners of their own (the service's durable jobs). */
    public Stages stages() {
        return stages;
    }

    /**
     * Reads, templates and validates a document. Touches nothing but the text: an invalid movie is refused
     * before any file, network or ffmpeg is used.
     *
     * @param variables request variables (CLI {@code --var}), replacing movie variables of the same name
     */
    public static Document read(String json, Map<String, Object> variables, Settings settings)
            throws InvalidMovieException {
        List<Problem> duplicates = new ArrayList<>();
        JsonNode root = MovieReader.parseJson(json, duplicates);
        Expansion expansion = Expander.expand(root, variables, settings.limits()).withWarningsFirst(duplicates);
        JsonNode tree = expansion.deferred().isEmpty() ? expansion.document() : TimingVariables.withPlaceholders(expansion);
        return new Document(expansion, new MovieReader(settings.limits(), settings.components()).read(tree, expansion));
    }

    public static Document read(String json, Settings settings) throws InvalidMovieException {
        return read(json, Map.of(), settings);
    }

    /** Renders a validated movie into {@code output}, under a fresh job id. */
    public RenderResult render(Document document, Path baseDir, Path output, RenderOptions options,
            ProgressListener listener) throws InvalidMovieException, RenderFailure, InterruptedException {
        return render(document, baseDir, output, options, "render-" + java.util.UUID.randomUUID(), listener);
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
            Stages.Planned planned = stages.plan(document, baseDir, workDir, options);
            CacheUse cache = CacheUse.planned(planned);
            CacheEntry movie = planned.cached();
            if (movie == null) {
                RenderPlan plan = planned.plan();
                Path planFile = workDir.resolve("render-plans").resolve(jobId).resolve("plan.json");
                writePlan(plan, planFile);
                listener.planned(plan.scenes().size(), planFile);
                timings.put(Phase.PLANNING.word(), millisSince(t0));
                listener.progress(Phase.PLANNING.overall(1));
                Rendered r = renderAndAssemble(planned, options, workDir.resolve("intermediates").resolve(jobId), timings,
                        listener, cache);
                movie = r.movie();
                cache = r.cache();
            } else {
                timings.put(Phase.PLANNING.word(), millisSince(t0));
            }

            long t3 = System.nanoTime();
            enter(Phase.UPLOADING, listener, cache.movieHit() ? "the same movie was rendered before: copying it"
                    : "moving the movie into place");
            Path partial = WorkFiles.partialNextTo(output);
            WorkFiles.copy(Stages.movieFile(movie), partial);
            WorkFiles.moveIntoPlace(partial, output);
            Path captions = options.captions() ? writeCaptions(movie, output) : null;
            timings.put(Phase.UPLOADING.word(), millisSince(t3));
            listener.progress(1);
            JsonNode meta = movie.meta();
            LOG.info("done: {} ({} bytes)", output, meta.path("size").asLong());
            done = true;

            List<Problem> warnings = new ArrayList<>(planned.readWarnings());
            meta.path("warnings").forEach(w -> warnings.add(Problem.warning(w.path("path").asText(), w.path("message").asText())));
            return new RenderResult(output.toAbsolutePath(), meta.path("duration").asDouble(), meta.path("width").asInt(),
                    meta.path("height").asInt(), meta.path("size").asLong(), meta.path("scenes").asInt(),
                    meta.path("workers").asInt(), timings, warnings, ffmpeg.installation().version(), cache, captions);
        } catch (IOException e) {
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot write the work files: " + e.getMessage(), e);
        } finally {
            if (options.keepWork()) {
                LOG.warn("work files kept in {}{}", workDir, done ? "" : " (the render failed)");
            } else {
                WorkFiles.deleteRecursively(workDir);
            }
        }
    }

    /** The movie as assembled (or found in the cache at assembly), and how the caches served the render. */
    private record Rendered(CacheEntry movie, CacheUse cache) {
    }

    /**
     * Renders the plan's scenes and transitions on a pool while the sound is mixed alongside, then assembles them:
     * the scene, sound, transition and assembly stages, each from the cache where it can be.
     */
    private Rendered renderAndAssemble(Stages.Planned planned, RenderOptions options, Path intermediates,
            Map<String, Long> timings, ProgressListener listener, CacheUse cache)
            throws RenderFailure, InterruptedException, IOException {
        RenderPlan plan = planned.plan();
        long t1 = System.nanoTime();
        int workers = options.workers(plan.scenes().size(), settings.maxConcurrency());
        enter(Phase.DISPATCHING, listener, String.format(java.util.Locale.ROOT,
                "%d scenes, %.2f s, %dx%d at %s fps, on %d workers", plan.scenes().size(), plan.duration(),
                plan.output().width(), plan.output().height(), plan.output().fps(), workers));
        Files.createDirectories(intermediates);
        // The sound needs no scene: it is mixed alongside them and is usually ready when they are.
        ExecutorService mixer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sound-mix");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Stages.Made> sound = mixer.submit(() -> stages.sound(plan, planned.assets(), intermediates));
            enter(Phase.RENDERING, listener, "scenes in parallel");
            SceneTasks.Result rendered = new SceneTasks(stages).run(plan, planned.assets(), intermediates, workers,
                    listener, mixer);
            timings.put(Phase.RENDERING.word(), millisSince(t1));

            long t2 = System.nanoTime();
            enter(Phase.ASSEMBLING, listener, "joining " + rendered.clips().size() + " clips with the sound");
            Stages.Made mixed = await(sound);
            Stages.Assembled movie = stages.assemble(plan, rendered.clips(), rendered.transitions(), mixed.file(),
                    workers, intermediates);
            timings.put(Phase.ASSEMBLING.word(), millisSince(t2));
            CacheUse use = cache.withRendering(rendered.scenesHit(), rendered.scenesRendered(), rendered.transitionsHit(),
                    rendered.transitionsRendered(), mixed.cached());
            return new Rendered(movie.movie(), movie.cached() ? use.withMovieHit() : use);
        } finally {
            SceneTasks.stop(mixer);
        }
    }

    /**
     * The movie's captions beside the output ({@code out.mp4} → {@code out.ass}), written whole like the output; null
     * when the movie has none.
     */
    private static Path writeCaptions(CacheEntry movie, Path output) throws RenderFailure, IOException {
        java.util.Optional<Path> ass = Stages.captionsFile(movie);
        if (ass.isEmpty()) {
            return null;
        }
        String name = output.getFileName().toString();
        Path target = output.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".ass");
        Path partial = WorkFiles.partialNextTo(target);
        WorkFiles.copy(ass.get(), partial);
        WorkFiles.moveIntoPlace(partial, target);
        return target.toAbsolutePath();
    }

    private static void writePlan(RenderPlan plan, Path file) throws RenderFailure {
        try {
            PlanFiles.write(plan, file);
        } catch (IOException e) {
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot write the plan " + file + ": " + e.getMessage(), e);
        }
    }

    /** One log line per phase: what the job is doing now. */
    private static void enter(Phase phase, ProgressListener listener, String what) {
        LOG.info("{}: {}", phase.word(), what);
        listener.phase(phase);
    }

    private static Stages.Made await(Future<Stages.Made> sound) throws RenderFailure, InterruptedException {
        try {
            return sound.get();
        } catch (ExecutionException e) {
            throw Stages.unwrap(e);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
