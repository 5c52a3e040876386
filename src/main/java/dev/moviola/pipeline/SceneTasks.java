package dev.moviola.pipeline;

import dev.moviola.asset.AssetStore;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The in-process runner's scheduling of the scene and transition stages: scenes on a bounded pool of workers,
 * and each transition as soon as both scenes it joins are done (so transitions fill the pool while the last scenes
 * finish). The first stage to fail stops the others (their ffmpeg processes are killed) and fails the render naming
 * its scene. Scenes and transitions the scene cache has complete at once.
 */
final class SceneTasks {
    private final Stages stages;

    SceneTasks(Stages stages) {
        this.stages = stages;
    }

    /** What the workers made: a clip per scene and the transition into each scene (null for a cut), with cache counts. */
    record Result(List<Clip> clips, List<Path> transitions, int scenesHit, int transitionsHit) {
        int scenesRendered() {
            return clips.size() - scenesHit;
        }

        int transitionsRendered() {
            return (int) transitions.stream().filter(t -> t != null).count() - transitionsHit;
        }
    }

    /** A finished stage: a scene's clip or the transition into a scene. */
    private record Done(int scene, Stages.SceneClip clip, Stages.Made transition) {
    }

    /**
     * Renders the scenes and transitions on {@code workers} threads.
     *
     * @param alongside work running beside the scenes (the sound mix): stopped first when the scenes fail or are
     *                  cancelled, so its ffmpeg does not outlive them while the scene workers wind down
     */
    Result run(RenderPlan plan, AssetStore assets, Path clipsDir, int workers, ProgressListener listener,
            ExecutorService alongside) throws RenderFailure, InterruptedException {
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
                    Stages.SceneClip c = stages.scene(plan, scene.index(), assets, clipsDir, f -> progress.scene(scene, f));
                    progress.scene(scene, 1);
                    listener.scene(scene.index(), 1);
                    listener.sceneFinished(scene.index(), c.cached());
                    return new Done(scene.index(), c, null);
                }));
            }
            Clip[] clips = new Clip[n];
            Path[] transitions = new Path[n];
            int scenesHit = 0;
            int transitionsHit = 0;
            int pending = n + (int) plan.scenes().stream().filter(s -> s.blendIn() != null).count();
            for (; pending > 0; pending--) {
                Done d = take(done);
                if (d.clip() == null) {
                    transitions[d.scene()] = d.transition().file();
                    transitionsHit += d.transition().cached() ? 1 : 0;
                    continue;
                }
                clips[d.scene()] = d.clip().clip();
                scenesHit += d.clip().cached() ? 1 : 0;
                for (int k : new int[] {d.scene(), d.scene() + 1}) {
                    if (k > 0 && k < n && clips[k - 1] != null && clips[k] != null && plan.scenes().get(k).blendIn() != null) {
                        Clip before = clips[k - 1];
                        Clip after = clips[k];
                        int into = k;
                        futures.add(done.submit(() -> new Done(into, null, stages.transition(plan, before, after, assets,
                                clipsDir))));
                    }
                }
            }
            Result result = new Result(List.of(clips), Arrays.asList(transitions), scenesHit, transitionsHit);
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

    private static Done take(CompletionService<Done> done) throws RenderFailure, InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            throw Stages.unwrap(e);
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
