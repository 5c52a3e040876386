package dev.moviola.pipeline;

import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.render.SceneRenderException;
import dev.moviola.render.SceneRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders the scenes of a plan on a bounded pool of workers. The first scene to fail stops the others (their
 * ffmpeg processes are killed) and fails the render naming that scene.
 */
final class SceneTasks {
    private final SceneRenderer renderer;

    SceneTasks(SceneRenderer renderer) {
        this.renderer = renderer;
    }

    List<Clip> run(RenderPlan plan, Path clipsDir, int workers, ProgressListener listener)
            throws RenderFailure, InterruptedException {
        int threads = Parallelism.threadsPerScene();
        Progress progress = new Progress(plan, listener);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "scene-worker");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Clip> done = new ExecutorCompletionService<>(pool);
        List<Future<Clip>> futures = new ArrayList<>();
        try {
            for (ScenePlan scene : plan.scenes()) {
                futures.add(done.submit(() -> {
                    listener.scene(scene.index(), 0);
                    Clip c = renderer.render(scene, plan.output(), clipsDir, threads, f -> progress.scene(scene, f));
                    progress.scene(scene, 1);
                    listener.scene(scene.index(), 1);
                    return c;
                }));
            }
            Clip[] clips = new Clip[plan.scenes().size()];
            for (int i = 0; i < clips.length; i++) {
                Clip c = take(done);
                clips[c.sceneIndex()] = c;
            }
            return List.of(clips);
        } finally {
            futures.forEach(f -> f.cancel(true));
            stop(pool);
        }
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

    private static Clip take(CompletionService<Clip> done) throws RenderFailure, InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SceneRenderException s) {
                throw new RenderFailure(s.timedOut() ? "RENDER_TIMEOUT" : "SCENE_RENDER_FAILED", s.getMessage(),
                        s.sceneIndex(), s.sceneId(), s);
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new IllegalStateException(e.getCause());
        }
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
