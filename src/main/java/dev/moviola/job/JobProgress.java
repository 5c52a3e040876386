package dev.moviola.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.pipeline.Phase;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running job's progress as the API shows it (status, phase, 0–1, scene counts), written to the job row at
 * most every quarter second and at each phase change, so a 500-scene movie does not become 500 writes a second.
 * Scene events come from parallel scene workers: the counters are concurrent sets and the write is synchronized.
 */
final class JobProgress {
    private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
    private static final long WRITE_EVERY_NANOS = 250_000_000L;
    private static final long EVENT_EVERY_NANOS = 5_000_000_000L;

    private final JobStore jobs;
    private final JobEvents events;
    private final String jobId;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final Set<Integer> succeeded = ConcurrentHashMap.newKeySet();
    private final Set<Integer> cached = ConcurrentHashMap.newKeySet();
    private volatile int total;
    /** Each scene's frames and the fraction of them done (guarded by this): rendering progress weighs scenes by frames. */
    private long[] frames = new long[0];
    private double[] done = new double[0];
    private volatile Phase phase = Phase.PLANNING;
    private volatile double overall;
    private long lastWrite;
    private long lastEvent = System.nanoTime();

    JobProgress(JobStore jobs, JobEvents events, String jobId) {
        this.jobs = jobs;
        this.events = events;
        this.jobId = jobId;
    }

    void phase(Phase p) {
        phase = p;
        synchronized (this) {
            overall = Math.max(overall, p.overall(0));
        }
        write(true);
    }

    void planned(RenderPlan plan) {
        synchronized (this) {
            total = plan.scenes().size();
            frames = plan.scenes().stream().mapToLong(ScenePlan::frames).toArray();
            done = new double[total];
        }
        write(true);
    }

    /** A scene's progress: the overall progress follows (frames done over all frames, within the rendering phase). */
    void scene(int index, double fraction) {
        synchronized (this) {
            if (index >= done.length) {
                return; // not planned in this process: there is nothing to weigh it against
            }
            done[index] = Math.max(done[index], fraction);
            double framesDone = 0;
            double all = 0;
            for (int i = 0; i < frames.length; i++) {
                framesDone += done[i] * frames[i];
                all += frames[i];
            }
            overall = Math.max(overall, Phase.RENDERING.overall(all == 0 ? 1 : framesDone / all));
        }
        write(false);
    }

    /** Scenes the scene cache has: done as far as progress goes, and counted as cached, before their tasks run. */
    void cachedAtOnce(java.util.List<Integer> scenes) {
        if (scenes.isEmpty()) {
            return;
        }
        cached.addAll(scenes);
        for (int i : scenes) {
            scene(i, 1);
        }
        write(true);
    }

    void sceneStarted(int index) {
        running.add(index);
        write(true); // a client polling sees the scene running at once, not at its first progress report
    }

    void sceneFinished(int index, boolean fromCache) {
        scene(index, 1);
        running.remove(index);
        succeeded.add(index);
        if (fromCache) {
            cached.add(index);
        }
        write(true);
    }

    /** The scene counts, and each scene's fraction done in scene order ({@code progress}, two decimals). */
    ObjectNode children() {
        int done = succeeded.size();
        int run = running.size();
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("total", total).put("succeeded", done).put("running", run)
                .put("queued", Math.max(0, total - done - run)).put("failed", 0).put("cached", cached.size());
        var each = c.putArray("progress");
        synchronized (this) {
            for (double d : this.done) {
                each.add(Math.floor(d * 100) / 100);
            }
        }
        return c;
    }

    /** The counts of a job that failed: the scene to blame (when one is) counts as failed, the rest as they stood. */
    ObjectNode childrenFailed(ObjectNode error) {
        ObjectNode c = children().put("running", 0);
        if (error.hasNonNull("sceneIndex")) {
            c.put("failed", 1).put("queued", Math.max(0, total - succeeded.size() - 1));
        }
        return c;
    }

    private synchronized void write(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastWrite < WRITE_EVERY_NANOS) {
            return;
        }
        lastWrite = now;
        // "waiting" while scenes render (the job waits on its scene tasks), "running" in the other phases (docs/service.md#a-job).
        JobStatus status = phase == Phase.RENDERING ? JobStatus.WAITING : JobStatus.RUNNING;
        try {
            jobs.progress(jobId, status, phase.word(), Math.min(1, overall), children());
            if (now - lastEvent >= EVENT_EVERY_NANOS) {
                lastEvent = now;
                jobs.find(jobId).ifPresent(events::progressed);
            }
        } catch (SQLException e) {
            LOG.warn("job {}: could not record progress: {}", jobId, e.getMessage());
        }
    }
}
