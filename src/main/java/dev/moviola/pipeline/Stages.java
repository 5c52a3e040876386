package dev.moviola.pipeline;

import dev.moviola.asset.Asset;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.Fresh;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.render.SceneRenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

/**
 * The render cut into steps that run as separate durable tasks (the service's jobs, SPEC §5) rather than in one
 * call ({@link Pipeline#render}): {@link #plan}; then {@link #scene} for each scene and {@link #sound}, in any
 * order and at once; then {@link #assemble}. Steps hand each other files (the plan, each scene's clip, the
 * sound), never objects, and each uses the caches as a one-call render does: the same scene or movie wanted
 * by two jobs at once is made once. Thread-safe.
 */
public final class Stages {
    private final Pipeline pipeline;

    public Stages(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * What planning found: the finished movie in the movie cache ({@code cached}), or a {@code plan} to render.
     *
     * @param key          the movie cache's key
     * @param reuseMovie   whether a cached movie may be used (no {@code cache: false} anywhere)
     * @param readWarnings warnings from reading and templating the document
     * @param elementsHit  sources the element cache had
     * @param elementsFetched sources downloaded or probed now
     */
    public record Planned(RenderPlan plan, CacheEntry cached, String key, boolean reuseMovie,
            List<Problem> readWarnings, int elementsHit, int elementsFetched) {
        public Planned {
            readWarnings = List.copyOf(readWarnings);
        }

        public boolean movieHit() {
            return cached != null;
        }
    }

    /** A scene's clip, and whether it came from the scene cache. */
    public record SceneClip(Clip clip, boolean cached) {
    }

    /** The movie file of a movie-cache entry ({@link Planned#cached()}, {@link #assemble}). */
    public static Path movieFile(CacheEntry movie) {
        return movie.file(Pipeline.OUTPUT);
    }

    /**
     * Makes the sources local (into {@code workDir}) and looks the movie up in the movie cache; plans it when the
     * cache does not have it. The cached movie's files are linked into {@code workDir/movie}.
     */
    public Planned plan(Document document, Path baseDir, Path workDir, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Planning.Prepared prepared = pipeline.planning.prepare(document, baseDir, workDir, options);
        int reused = (int) prepared.assets().bySource().values().stream().filter(Asset::reused).count();
        int fetched = prepared.assets().bySource().size() - reused;
        Optional<CacheEntry> cached = prepared.reuseMovie()
                ? pipeline.store.get(Pipeline.MOVIES, prepared.key(), workDir.resolve("movie")) : Optional.empty();
        RenderPlan plan = cached.isPresent() ? null : pipeline.planning.plan(prepared).plan();
        return new Planned(plan, cached.orElse(null), prepared.key(), prepared.reuseMovie(), prepared.readWarnings(),
                reused, fetched);
    }

    /**
     * Scene {@code index}'s clip, from the scene cache or rendered into {@code dir}.
     *
     * @param progress hears the fraction of the scene's frames done
     */
    public SceneClip scene(RenderPlan plan, int index, Path dir, DoubleConsumer progress)
            throws RenderFailure, InterruptedException {
        ScenePlan scene = plan.scenes().get(index);
        SceneCache cache = new SceneCache(pipeline.store, plan);
        int threads = Parallelism.threadsPerScene(pipeline.settings);
        try {
            Clip clip = cache.clip(scene, dir, () -> pipeline.scenes.render(scene, plan.output(), dir, threads, progress));
            return new SceneClip(clip, cache.hits.contains(index));
        } catch (SceneRenderException e) {
            throw SceneTasks.failure(e);
        } catch (RenderFailure | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RenderFailure("SCENE_RENDER_FAILED", scene.label() + " failed: " + e.getMessage(), index,
                    scene.id(), e);
        }
    }

    /** The movie's mixed sound, from the scene cache or mixed into {@code dir}. */
    public Path sound(RenderPlan plan, Path dir) throws RenderFailure, InterruptedException {
        SceneCache cache = new SceneCache(pipeline.store, plan);
        try {
            return cache.sound(dir, () -> pipeline.mixSound(plan, dir));
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Pipeline.soundFailure(e);
        }
    }

    /**
     * Blends the transitions (on up to {@code workers} threads) and joins them with the clips and the sound into
     * the movie, stored in the movie cache under {@code key}: taken from there instead when another job made the
     * same movie meanwhile (and {@code reuseMovie}). Work files go into {@code dir}.
     *
     * @return the movie entry: its {@code output.mp4} and the metadata the movie cache keeps (figures, warnings)
     */
    public CacheEntry assemble(RenderPlan plan, String key, boolean reuseMovie, List<Clip> clips, Path sound,
            int workers, Path dir) throws RenderFailure, InterruptedException {
        try {
            return pipeline.obtainMovie(key, reuseMovie, dir.resolve("movie"), cached -> {
                if (cached.isPresent()) {
                    return Optional.empty();
                }
                Path partial = dir.resolve(Pipeline.OUTPUT);
                pipeline.assemble(plan, clips, transitions(plan, clips, dir, workers), sound, dir, partial);
                return Optional.of(Fresh.of(Map.of(Pipeline.OUTPUT, partial),
                        Pipeline.movieMeta(plan, pipeline.probeOutput(partial), partial, workers, clips)));
            }).entry();
        } catch (InvalidMovieException e) {
            throw new IllegalStateException("a planned movie cannot be invalid", e);
        }
    }

    /** The blended frames into each scene (null for a cut), rendered at once. */
    private List<Path> transitions(RenderPlan plan, List<Clip> clips, Path dir, int workers)
            throws RenderFailure, InterruptedException, IOException {
        SceneCache cache = new SceneCache(pipeline.store, plan);
        int threads = Parallelism.threadsPerScene(pipeline.settings);
        Path[] out = new Path[clips.size()];
        List<Integer> blended = new ArrayList<>();
        List<Callable<Path>> tasks = new ArrayList<>();
        for (int k = 1; k < clips.size(); k++) {
            if (plan.scenes().get(k).blendIn() != null) {
                blended.add(k);
                tasks.add(SceneTasks.transition(cache, pipeline.blends, plan, clips.get(k - 1), clips.get(k), dir, threads));
            }
        }
        if (tasks.isEmpty()) {
            return Arrays.asList(out);
        }
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, tasks.size())), r -> {
            Thread t = new Thread(r, "transition");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> done = new ArrayList<>();
            tasks.forEach(t -> done.add(pool.submit(t)));
            for (int i = 0; i < done.size(); i++) {
                out[blended.get(i)] = done.get(i).get();
            }
            return Arrays.asList(out);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SceneRenderException s) {
                throw SceneTasks.failure(s);
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            SceneTasks.stop(pool);
        }
    }
}
