package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs durably: each job is a db-scheduler task in the job database, so a job survives the process that
 * accepted it. New jobs start at once (immediate execution); a job whose worker died is picked up again, and
 * its scenes already rendered come from the scene cache. At most {@code threads} jobs run at once here.
 * Callbacks and webhooks are tasks too ({@code deliver}, one per delivery), so they are retried across restarts.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    static final String TASK = "render-job";
    static final String DELIVER = "deliver";
    static final String DELIVERY_TABLE = "delivery_tasks";
    /** Callbacks and webhooks sent at once; each waits at most 10 s for its receiver. */
    private static final int DELIVERY_THREADS = 4;

    private final DataSource db;
    private final JobStore jobs;
    private final Deliveries deliveries;
    private final JobEvents events = new Outbox();
    private final OneTimeTask<String> task;
    private final CustomTask<Long> deliver;
    private final Scheduler scheduler;
    /**
     * Deliveries run on their own scheduler and task table, so a callback is not queued behind long renders for
     * the job threads, and a slow receiver never holds up a render.
     */
    private final Scheduler courier;
    /** Jobs running in this process, by id, so a cancel can interrupt them (their ffmpeg processes are killed). */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    public JobEngine(DataSource db, JobStore jobs, RenderJob runner, Deliveries deliveries, int threads, Duration grace) {
        this.db = db;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 3))
                .execute((instance, context) -> execute(runner, instance.getData()));
        this.deliver = Tasks.custom(DELIVER, Long.class)
                // Only an unexpected failure (the database) lands here; the receiver's failures are handled below.
                .onFailure((complete, ops) -> ops.reschedule(complete, Instant.now().plusSeconds(60)))
                .execute((instance, context) -> deliver(instance.getData()));
        this.scheduler = scheduler(Scheduler.create(db, task), threads, grace).build();
        this.courier = scheduler(Scheduler.create(db, deliver), DELIVERY_THREADS, Duration.ofSeconds(5))
                .tableName(DELIVERY_TABLE).build();
    }

    private static SchedulerBuilder scheduler(SchedulerBuilder b, int threads, Duration grace) {
        return b.threads(threads)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .enableImmediateExecution()
                .pollUsingFetch(0.5, 1.0)
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(grace);
    }

    /** One try of a delivery; the task is rescheduled for the next try or removed. */
    private CompletionHandler<Long> deliver(long id) {
        Instant retryAt;
        try {
            retryAt = deliveries.attempt(id).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + id + ": " + e.getMessage(), e);
        }
        return (complete, ops) -> {
            if (retryAt == null) {
                ops.remove();
            } else {
                ops.reschedule(complete, retryAt);
            }
        };
    }

    private void execute(RenderJob runner, String jobId) {
        running.put(jobId, Thread.currentThread());
        try {
            runner.run(jobId, events);
        } catch (RenderJob.RetryLater e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("job " + jobId + " was stopped; it resumes at the next start", e);
        } catch (SQLException | RuntimeException e) {
            LOG.error("job {}: unexpected failure", jobId, e);
            failIfTriedEnough(jobId, e);
            throw new IllegalStateException(e);
        } finally {
            running.remove(jobId);
            Thread.interrupted(); // a cancel that came as the job ended must not leak into the next job
        }
    }

    private void failIfTriedEnough(String jobId, Exception e) {
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
     * scheduling it) are scheduled. Likewise the messages of jobs that finished just before a crash are stored,
     * and pending deliveries get their task.
     */
    public void start() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            String release = " set picked = 0, picked_by = null, last_heartbeat = null where picked = 1";
            int released = s.executeUpdate("update scheduled_tasks" + release);
            s.executeUpdate("update " + DELIVERY_TABLE + release);
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
        for (Job job : jobs.finishedUnnotified()) {
            events.finished(job);
        }
        schedule(deliveries.pending());
        scheduler.start();
        courier.start();
    }

    private void schedule(List<Long> deliveryIds) {
        for (long id : deliveryIds) {
            courier.scheduleIfNotExists(deliver.instance(Long.toString(id), id), Instant.now());
        }
    }

    /**
     * Cancels a job that has not finished: marks it, stops it if it runs here (its ffmpeg processes are killed) and
     * tells its watchers.
     *
     * @return whether this call cancelled it
     */
    public boolean cancel(String jobId, JsonNode error) throws SQLException {
        if (!jobs.cancel(jobId, error)) {
            return false;
        }
        interrupt(jobId);
        jobs.find(jobId).ifPresent(events::finished);
        return true;
    }

    /** A job's callbacks and webhooks with their attempts. */
    public List<Delivery> deliveries(String jobId) throws SQLException {
        return deliveries.forJob(jobId);
    }

    /** Queues a stored job; does nothing when it is queued already. */
    public void submit(String jobId) {
        scheduler.scheduleIfNotExists(task.instance(jobId, jobId), Instant.now());
    }

    private void interrupt(String jobId) {
        Thread t = running.get(jobId);
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Stores the notices of jobs as they move on and schedules their delivery. A notice that cannot be stored is
     * logged; a finished job's are stored again at the next start (the job is not marked notified).
     */
    private final class Outbox implements JobEvents {
        @Override
        public void progressed(Job job) {
            try {
                schedule(deliveries.progressed(job));
            } catch (SQLException | RuntimeException e) {
                LOG.warn("job {}: could not store its progress notices: {}", job.id(), e.getMessage());
            }
        }

        @Override
        public void finished(Job job) {
            try {
                schedule(deliveries.finished(job));
            } catch (SQLException | RuntimeException e) {
                LOG.warn("job {}: could not store its notices (they are stored at the next start): {}", job.id(),
                        e.getMessage());
            }
        }
    }

    /** Stops taking jobs; running ones get the grace period to finish, then are interrupted and resume at the next start. */
    @Override
    public void close() {
        scheduler.stop();
        courier.stop();
    }
}
