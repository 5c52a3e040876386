package dev.moviola.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs durably: each job is a db-scheduler task in the job database, so a job survives the process that
 * accepted it. New jobs start at once (immediate execution); a job whose worker died is picked up again, and
 * its scenes already rendered come from the scene cache. At most {@code threads} jobs run at once here.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    static final String TASK = "render-job";

    private final DataSource db;
    private final JobStore jobs;
    private final OneTimeTask<String> task;
    private final Scheduler scheduler;
    /** Jobs running in this process, by id, so a cancel can interrupt them (their ffmpeg processes are killed). */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    public JobEngine(DataSource db, JobStore jobs, RenderJob runner, JobEvents events, int threads, Duration grace) {
        this.db = db;
        this.jobs = jobs;
        this.task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 3))
                .execute((instance, context) -> execute(runner, events, instance.getData()));
        this.scheduler = Scheduler.create(db, task)
                .threads(threads)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .enableImmediateExecution()
                .pollUsingFetch(0.5, 1.0)
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(grace)
                .build();
    }

    private void execute(RenderJob runner, JobEvents events, String jobId) {
        running.put(jobId, Thread.currentThread());
        try {
            runner.run(jobId);
        } catch (RenderJob.RetryLater e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("job " + jobId + " was stopped; it resumes at the next start", e);
        } catch (SQLException | RuntimeException e) {
            LOG.error("job {}: unexpected failure", jobId, e);
            failIfTriedEnough(jobId, events, e);
            throw new IllegalStateException(e);
        } finally {
            running.remove(jobId);
            Thread.interrupted(); // a cancel that came as the job ended must not leak into the next job
        }
    }

    private void failIfTriedEnough(String jobId, JobEvents events, Exception e) {
        try {
            Job job = jobs.find(jobId).orElse(null);
            if (job != null && job.attempts() >= RenderJob.MAX_ATTEMPTS && jobs.finish(jobId, JobStatus.FAILED,
                    RenderJob.error("ASSEMBLE_FAILED", "internal error: " + e.getMessage(), null, null), null, null,
                    null, null, false)) {
                events.finished(jobs.find(jobId).orElseThrow());
            }
        } catch (SQLException | RuntimeException again) {
            LOG.warn("job {}: could not record its failure: {}", jobId, again.getMessage());
        }
    }

    /**
     * Starts working. In embedded mode this process owns the database (the data directory is locked), so tasks
     * still marked as picked were left by a previous process that died: they are released at once rather than
     * after the heartbeat timeout, and jobs whose task was never scheduled (a crash between accepting a job and
     * scheduling it) are scheduled.
     */
    public void start() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            int released = s.executeUpdate("update scheduled_tasks set picked = 0, picked_by = null, last_heartbeat = null"
                    + " where picked = 1");
            if (released > 0) {
                LOG.info("resuming {} job(s) left running by the previous process", released);
            }
        }
        for (Job job : jobs.unfinished()) {
            if (job.status() != JobStatus.QUEUED) {
                jobs.requeue(job.id(), null);
            }
            submit(job.id());
        }
        scheduler.start();
    }

    /** Queues a stored job; does nothing when it is queued already. */
    public void submit(String jobId) {
        scheduler.scheduleIfNotExists(task.instance(jobId, jobId), Instant.now());
    }

    /** Stops a job running here (its ffmpeg processes are killed); the caller has marked it cancelled. */
    public void interrupt(String jobId) {
        Thread t = running.get(jobId);
        if (t != null) {
            t.interrupt();
        }
    }

    /** Stops taking jobs; running ones get the grace period to finish, then are interrupted and resume at the next start. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
