package dev.moviola.pipeline;

import dev.moviola.assemble.Blends;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.render.SceneRenderException;
import dev.moviola.render.SceneRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders the scenes of a plan on a bounded pool of workers, and each transition as soon as both scenes it
 * joins are done (so transitions fill the pool while the last scenes finish). The first task to fail stops the
 * others (their ffmpeg processes are killed) and fails the render naming its scene. Scenes and transitions
 * the scene cache has complete at once.
 */
final class SceneTasks {
    private final SceneRenderer renderer;
    private final Blends blends;
    private final Settings settings;
    private final SceneCache cache;

    SceneTasks(SceneRenderer renderer, Blends blends, Settings settings, SceneCache cache) {
        this.renderer = renderer;
        this.blends = blends;
        this.settings = settings;
        this.cache = cache;
    }

    /** What the workers made: a clip per scene and the transition into each scene (null for a cut). */
    record Result(List<Clip> clips, List<Path> transitions) {
    }

    /** A finished task: a scene's clip or the transition into a scene. */
    private record Done(int scene, Clip clip, Path transition) {
    }

    /**
     * Renders the scenes and transitions on {@code workers} threads.
     *
     * @param alongside work running beside the scenes (the sound mix): stopped first when the scenes fail or are
     *                  cancelled, so its ffmpeg does not outlive them while the scene workers wind down
     */
    Result run(RenderPlan plan, Path clipsDir, int workers, ProgressListener listener, ExecutorService alongside)
            throws RenderFailure, InterruptedException {
        int threads = Parallelism.threadsPerScene(settings);
        int n = plan.scenes().size();
        Progress progress = new Progress(plan, listener);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "scene-worker");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Done> done = new ExecutorCompletionService<>(pool);
        List<Future<Done>> futures = new ArrayList<>();
        try {
            for (ScenePlan scene : plan.scenes()) {
                futures.add(done.submit(() -> {
                    listener.scene(scene.index(), 0);
                    Clip c = cache.clip(scene, clipsDir,
                            () -> renderer.render(scene, plan.output(), clipsDir, threads, f -> progress.scene(scene, f)));
                    progress.scene(scene, 1);
                    listener.scene(scene.index(), 1);
                    listener.sceneFinished(scene.index(), cache.hits.contains(scene.index()));
                    return new Done(scene.index(), c, null);
                }));
            }
            Clip[] clips = new Clip[n];
            Path[] transitions = new Path[n];
            int pending = n + (int) plan.scenes().stream().filter(s -> s.blendIn() != null).count();
            for (; pending > 0; pending--) {
                Done d = take(done, plan);
                if (d.clip() == null) {
                    transitions[d.scene()] = d.transition();
                    continue;
                }
                clips[d.scene()] = d.clip();
                for (int k : new int[] {d.scene(), d.scene() + 1}) {
                    if (k > 0 && k < n && clips[k - 1] != null && clips[k] != null && plan.scenes().get(k).blendIn() != null) {
                        java.util.concurrent.Callable<Path> blend = transition(cache, blends, plan, clips[k - 1], clips[k],
                                clipsDir, threads);
                        int into = k;
                        futures.add(done.submit(() -> new Done(into, null, blend.call())));
                    }
                }
            }
            Result result = new Result(List.of(clips), Arrays.asList(transitions));
            stop(pool);
            return result;
        } finally {
            if (!pool.isShutdown()) {
                alongside.shutdownNow();
                futures.forEach(f -> f.cancel(true));
                stop(pool);
            }
        }
    }

    /** The blended frames from {@code before} into {@code after}: from the scene cache, else rendered. */
    static java.util.concurrent.Callable<Path> transition(SceneCache cache, Blends blends, RenderPlan plan,
            Clip before, Clip after, Path dir, int threads) {
        int k = after.sceneIndex();
        ScenePlan scene = plan.scenes().get(k);
        Path target = dir.resolve(String.format(Locale.ROOT, "transition_%03d.mp4", k));
        return () -> {
            try {
                return cache.transition(k, dir, () -> blends.render(before.tail(), after.head(),
                        scene.blendIn(), plan.output(), threads, target));
            } catch (FfmpegException e) {
                throw new SceneRenderException(k, scene.id(), "the transition into " + scene.label() + " failed: "
                        + e.getMessage(), e instanceof FfmpegTimeoutException, e);
            }
        };
    }

    /**
     * Stops a pool and waits for its tasks to end (cancelled ffmpeg processes are killed at once), so nothing
     * still writes into the work directory when it is removed.
     */
    static void stop(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers did not stop within 60 s of being cancelled");
        }
    }

    private static Done take(CompletionService<Done> done, RenderPlan plan) throws RenderFailure, InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SceneRenderException s) {
                throw failure(s);
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A scene or transition that failed, as the render reports it (naming the scene). */
    static RenderFailure failure(SceneRenderException s) {
        return new RenderFailure(s.timedOut() ? "RENDER_TIMEOUT" : "SCENE_RENDER_FAILED", s.getMessage(),
                s.sceneIndex(), s.sceneId(), s);
    }

    /** Overall rendering progress: scenes weighted by their frames. Guarded by this. */
    private static final class Progress {
        private final RenderPlan plan;
        private final ProgressListener listener;
        private final double[] fractions;
        private double shown;

        Progress(RenderPlan plan, ProgressListener listener) {
            this.plan = plan;
            this.listener = listener;
            this.fractions = new double[plan.scenes().size()];
        }

        synchronized void scene(ScenePlan scene, double fraction) {
            fractions[scene.index()] = Math.max(fractions[scene.index()], fraction);
            double framesDone = 0;
            double total = 0;
            for (ScenePlan s : plan.scenes()) {
                framesDone += fractions[s.index()] * s.frames();
                total += s.frames();
            }
            double overall = Phase.RENDERING.overall(framesDone / total);
            if (overall > shown) {
                shown = overall;
                listener.progress(overall);
            }
        }
    }
}
