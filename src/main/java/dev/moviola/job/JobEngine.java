package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs durably, as db-scheduler tasks in the job database (docs/architecture.md#jobs-in-the-service), so a job survives the process that
 * accepted it: {@code render-job} plans a job and dispatches its parts; {@code render-scene} renders one scene,
 * at most the job's concurrency at once, each finished scene dispatching the next, and {@code render-sound} the
 * sound beside them; the part that finishes last schedules {@code assemble}, which joins and publishes the movie. Tasks start at once
 * (immediate execution). Scenes run on a scheduler and table of their own with {@code sceneThreads} threads (the
 * scenes rendered at once in this process, whatever the jobs), planning, sounds and assembly on another with
 * {@code threads}. On a database this process has to itself, a job interrupted by a stop or a crash is planned
 * again at the next start, and its scenes already rendered come from the scene cache. Callbacks and webhooks are
 * tasks too ({@code deliver}, one per delivery), so they are retried across restarts.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    static final String TASK = "render-job";
    static final String SCENE = "render-scene";
    static final String SOUND = "render-sound";
    static final String ASSEMBLE = "assemble";
    static final String SCENE_TABLE = "scene_tasks";
    static final String DELIVER = "deliver";
    static final String DELIVERY_TABLE = "delivery_tasks";
    /** This process, as its log lines and the task tables' {@code picked_by} name it: {@code host:pid}. */
    static final String PROCESS_NAME = processName();
    /** Callbacks and webhooks sent at once; each waits at most 10 s for its receiver. */
    private static final int DELIVERY_THREADS = 4;

    /**
     * How the engine's schedulers use the database.
     *
     * @param poll      how often each scheduler looks for due tasks besides being woken (by a task scheduled here,
     *                  or announced by another process on a shared database)
     * @param heartbeat how often a running task is marked alive; a task unmarked for {@value #MISSED_HEARTBEATS}
     *                  heartbeats is taken to be dead and run again by any process
     */
    public record Timing(Duration poll, Duration heartbeat) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Heartbeats a task may miss before its process is taken to be dead (db-scheduler's default). */
    static final int MISSED_HEARTBEATS = 6;

    /** A task's body. */
    private interface Step {
        void run() throws SQLException, InterruptedException;
    }

    private final Database db;
    private final JobStore jobs;
    private final RenderJob runner;
    private final Deliveries deliveries;
    private final Outbox events = new Outbox();
    private final OneTimeTask<String> task;
    private final OneTimeTask<String> scene;
    private final OneTimeTask<String> sound;
    private final OneTimeTask<String> assemble;
    private final CustomTask<Long> deliver;
    private final Scheduler scheduler;
    private final Scheduler scenes;
    /**
     * Deliveries run on their own scheduler and task table, so a callback is not queued behind long renders for
     * the job threads, and a slow receiver never holds up a render.
     */
    private final Scheduler courier;
    /**
     * The threads running each job's tasks in this process, by job id, so a cancel or a failed scene can stop them
     * (their ffmpeg processes are killed), and the last to leave a finished job removes its files. Changed only
     * through {@link Map#compute}, so an entry is never emptied and joined at once.
     */
    private final Map<String, Set<Thread>> running = new ConcurrentHashMap<>();
    /** Whether this process runs render tasks (else it only schedules them, for the other processes of a cluster). */
    private final boolean renders;
    /** Set once, when this process begins to stop: a task interrupted from then on is handed back (in a cluster). */
    private volatile boolean stopping;
    /** News of tasks other processes schedule, while started; null on a database of one process. */
    private volatile Dialect.Subscription listening;

    /**
     * @param threads      jobs planned or assembled at once
     * @param sceneThreads scenes (and sounds) rendered at once, across jobs
     */
    public JobEngine(Database db, JobStore jobs, RenderJob runner, Deliveries deliveries, int threads,
            int sceneThreads, Duration grace) {
        this(db, jobs, runner, deliveries, threads, sceneThreads, grace, Timing.DEFAULT);
    }

    /**
     * @param threads      jobs planned or assembled at once, and sounds rendered; 0 with {@code sceneThreads} 0: this
     *                     process renders nothing (a serve process of a cluster leaving its jobs to workers) and only
     *                     sends callbacks
     * @param sceneThreads scenes rendered at once, across jobs
     * @param timing       the schedulers' polling and heartbeat
     */
    public JobEngine(Database db, JobStore jobs, RenderJob runner, Deliveries deliveries, int threads,
            int sceneThreads, Duration grace, Timing timing) {
        this.renders = threads > 0 || sceneThreads > 0;
        threads = Math.max(1, threads);
        sceneThreads = Math.max(1, sceneThreads);
        this.db = db;
        this.jobs = jobs;
        this.runner = runner;
        this.deliveries = deliveries;
        this.task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 3))
                .execute((instance, context) -> run(instance.getData(), true, () -> runner.plan(instance.getData(), events)));
        // A scene or an assembly that fails fails its job (or, stopped by a shutdown, is redone when the job is
        // planned again at the next start, or handed back to the cluster): never retried on its own.
        this.scene = Tasks.oneTime(SCENE, String.class)
                .onFailure(this::handBackOrRemove)
                .execute((instance, context) -> part(TaskRef.parse(instance.getData()), context));
        // The sound is a part too, but a light one: it runs beside planning and assembly, not on a scene thread, so
        // that a job's scenes have every scene thread (in a cluster, the scene waiting for the sound's thread was
        // the last to finish).
        this.sound = Tasks.oneTime(SOUND, String.class)
                .onFailure(this::handBackOrRemove)
                .execute((instance, context) -> part(TaskRef.parse(instance.getData()), context));
        this.assemble = Tasks.oneTime(ASSEMBLE, String.class)
                .onFailure(this::handBackOrRemove)
                .execute((instance, context) -> {
                    TaskRef ref = TaskRef.parse(instance.getData());
                    run(ref.jobId(), false, () -> runner.assemble(ref, events));
                });
        this.deliver = Tasks.custom(DELIVER, Long.class)
                // Only an unexpected failure (the database) lands here; the receiver's failures are handled below.
                .onFailure((complete, ops) -> ops.reschedule(complete, Instant.now().plusSeconds(60)))
                .execute((instance, context) -> deliver(instance.getData()));
        DataSource ds = db.dataSource();
        boolean skipLocked = db.dialect().picksSkippingLocked();
        this.scheduler = scheduler(Scheduler.create(ds, task, assemble, sound), threads, grace, timing, skipLocked)
                .build();
        this.scenes = scheduler(Scheduler.create(ds, scene), sceneThreads, grace, timing, skipLocked)
                .tableName(SCENE_TABLE).build();
        this.courier = scheduler(Scheduler.create(ds, deliver), DELIVERY_THREADS, Duration.ofSeconds(5), timing,
                skipLocked).tableName(DELIVERY_TABLE).build();
    }

    /** Renders one part of a job, a scene or the sound, on this thread. */
    private void part(TaskRef ref, com.github.kagkarlsson.scheduler.task.ExecutionContext context) {
        // when it could start and when it did: what a cluster's dispatch costs (bench/cluster.sh reads it)
        LOG.info("job {}: part {} started by {}, {} ms after it was due", ref.jobId(), ref.part(), PROCESS_NAME,
                Duration.between(context.getExecution().executionTime, Instant.now()).toMillis());
        run(ref.jobId(), false, () -> runner.part(ref, events));
    }

    /**
     * A part (scene or sound) or assembly task that failed: removed (it failed its job, or the job is planned again at this
     * process's next start), but handed back when this process stops and others share the database: it is due
     * again at once, announced, for another process (or this one's next start) to run.
     */
    private void handBackOrRemove(ExecutionComplete complete, ExecutionOperations<String> ops) {
        if (stopping && !db.exclusive()) {
            LOG.info("{} {}: handed back to the cluster", complete.getExecution().taskInstance.getTaskName(),
                    complete.getExecution().taskInstance.getId());
            ops.reschedule(complete, Instant.now());
            db.announceTasks();
        } else {
            ops.remove();
        }
    }

    private static String processName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "moviola";
        }
        String pid = ":" + ProcessHandle.current().pid();
        return host.substring(0, Math.min(host.length(), 50 - pid.length())) + pid; // picked_by holds 50 characters
    }

    /**
     * @param skipLocked pick due tasks with {@code select … for update skip locked} (PostgreSQL): the processes a
     *                   notification wakes at once split the due tasks instead of all fetching the same ones and
     *                   all but one losing each pick; else fetch, then pick each with an optimistic update
     */
    private static SchedulerBuilder scheduler(SchedulerBuilder b, int threads, Duration grace, Timing timing,
            boolean skipLocked) {
        if (skipLocked) {
            b.pollUsingLockAndFetch(0.5, 1.0);
        } else {
            b.pollUsingFetch(0.5, 1.0);
        }
        return b.threads(threads)
                .schedulerName(new SchedulerName.Fixed(PROCESS_NAME))
                .pollingInterval(timing.poll())
                .heartbeatInterval(timing.heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
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

    /**
     * Runs a task of a job on this thread, registered so that a cancel reaches it.
     *
     * @param planning the job's plan task (retried after an unexpected failure); other tasks fail the job at once
     */
    private void run(String jobId, boolean planning, Step step) {
        running.compute(jobId, (id, threads) -> {
            Set<Thread> t = threads == null ? ConcurrentHashMap.newKeySet() : threads;
            t.add(Thread.currentThread());
            return t;
        });
        try {
            step.run();
        } catch (RenderJob.RetryLater e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("job " + jobId + " was stopped; it resumes at the next start", e);
        } catch (SQLException | RuntimeException e) {
            if (!finished(jobId)) {
                LOG.error("job {}: unexpected failure", jobId, e);
                failIfTriedEnough(jobId, planning ? RenderJob.MAX_ATTEMPTS : 0, e);
            }
            throw new IllegalStateException(e);
        } finally {
            Thread.interrupted(); // a cancel that came as the task ended must not leak into the next task
            boolean last = running.compute(jobId, (id, threads) -> {
                threads.remove(Thread.currentThread());
                return threads.isEmpty() ? null : threads;
            }) == null;
            if (last) {
                runner.cleanIfFinished(jobId);
            }
        }
    }

    private boolean finished(String jobId) {
        try {
            return jobs.find(jobId).map(j -> j.status().finished()).orElse(true);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Fails a job after an unexpected failure once it has been started {@code attempts} times. */
    private void failIfTriedEnough(String jobId, int attempts, Exception e) {
        try {
            Job job = jobs.find(jobId).orElse(null);
            if (job != null && job.attempts() >= attempts && jobs.finish(jobId, JobStatus.FAILED,
                    RenderJob.error(dev.moviola.pipeline.FailureCode.ASSEMBLE_FAILED, "internal error: " + e.getMessage(), null, null), null, null,
                    null, null, false, false)) {
                events.halt(jobId);
                events.finished(jobs.find(jobId).orElseThrow());
            }
        } catch (SQLException | RuntimeException again) {
            LOG.warn("job {}: could not record its failure: {}", jobId, again.getMessage());
        }
    }

    /**
     * Starts working: first picks up what a process that stopped or died left (see {@link #resumeAlone} and
     * {@link #resumeShared}, as the database is this process's alone or not). In both cases the messages of jobs
     * that finished just before a crash are stored, and pending deliveries get their task: each is guarded, so
     * doing it while another process does the same is harmless (a job's finishing messages are stored once, in
     * the transaction that marks it notified; a delivery's task is scheduled if it does not exist, and a try
     * first checks that the delivery is still pending).
     */
    public void start() throws SQLException {
        if (db.exclusive()) {
            resumeAlone();
        } else {
            resumeShared();
        }
        for (Job job : jobs.finishedUnnotified()) {
            events.finished(job);
        }
        schedule(deliveries.pending());
        if (renders) {
            scheduler.start();
            scenes.start();
        }
        courier.start();
        listening = db.listenForTasks(this::wake).orElse(null);
    }

    /**
     * Another process scheduled tasks (or this one did): every scheduler looks for due tasks now rather than at
     * its next poll; each takes what its free threads can run.
     */
    private void wake() {
        scheduler.triggerCheckForDueExecutions();
        scenes.triggerCheckForDueExecutions();
        courier.triggerCheckForDueExecutions();
    }

    /**
     * This process has the database to itself (the data directory is locked), so tasks still marked as picked
     * were left by a previous process that died: they are released at once rather than after the heartbeat
     * timeout, and jobs whose task was never scheduled (a crash between accepting a job and scheduling it) are
     * scheduled. Unfinished jobs start again from their plan (their scenes rendered before come from the scene
     * cache): the scene and assembly tasks and the work files they left are removed.
     */
    private void resumeAlone() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            String release = " set picked = 0, picked_by = null, last_heartbeat = null where picked = 1";
            int released = s.executeUpdate("update scheduled_tasks" + release);
            s.executeUpdate("update " + DELIVERY_TABLE + release);
            int scenesLeft = s.executeUpdate("delete from " + SCENE_TABLE);
            s.executeUpdate("delete from scheduled_tasks where task_name in ('" + ASSEMBLE + "', '" + SOUND + "')");
            if (released + scenesLeft > 0) {
                LOG.info("resuming the jobs left unfinished by the previous process");
            }
        }
        try {
            runner.cleanAll();
        } catch (java.io.IOException e) {
            throw new SQLException("cannot remove the work files left by the previous process: " + e.getMessage(), e);
        }
        for (Job job : jobs.unfinished()) {
            if (job.status() != JobStatus.QUEUED) {
                jobs.requeue(job.id(), null);
            }
            submit(job.id());
        }
    }

    /**
     * Other processes, live ones among them, share the database: a picked task may be running in one of them
     * right now, an unfinished job may be rendering there, and the work files and intermediates are theirs too.
     * So nothing is released, removed or planned again here. A task whose process died is db-scheduler's to
     * find: its heartbeat stops, and once it is older than the heartbeat timeout any live scheduler revives the
     * task. Only jobs never started are scheduled (a process that died between accepting a job and scheduling
     * it): a queued job with no start has no task running anywhere, and scheduling it when its task exists, or
     * while its own process schedules it, does nothing.
     */
    private void resumeShared() throws SQLException {
        runner.cleanLocal(); // this process's data directory is its own (locked); the bucket's files are the jobs'
        for (Job job : jobs.unfinished()) {
            if (job.status() == JobStatus.QUEUED && job.attempts() == 0) {
                submit(job.id());
            }
        }
    }

    private void schedule(List<Long> deliveryIds) {
        boolean scheduled = false;
        for (long id : deliveryIds) {
            scheduled |= courier.scheduleIfNotExists(deliver.instance(Long.toString(id), id), Instant.now());
        }
        if (scheduled) {
            db.announceTasks();
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
        if (!running.containsKey(jobId)) {
            runner.cleanIfFinished(jobId);
        }
        jobs.find(jobId).ifPresent(events::finished);
        return true;
    }

    /** A job's callbacks and webhooks with their attempts. */
    public List<Delivery> deliveries(String jobId) throws SQLException {
        return deliveries.forJob(jobId);
    }

    /** The task queues {@link #tasksWaiting} counts, each a table of its own. */
    public static final List<String> QUEUES = List.of("jobs", "scenes", "deliveries");

    /**
     * Tasks scheduled and not yet taken by any process, by queue ({@link #QUEUES}): {@code jobs} (planning, sounds,
     * assemblies), {@code scenes}, {@code deliveries}. On a shared database, the cluster's.
     */
    public Map<String, Long> tasksWaiting() throws SQLException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        String[] tables = {"scheduled_tasks", SCENE_TABLE, DELIVERY_TABLE};
        for (int i = 0; i < tables.length; i++) {
            out.put(QUEUES.get(i), Sql.query(db.dataSource(), "select count(*) from " + tables[i] + " where picked = ?",
                    r -> r.getLong(1), Boolean.FALSE).get(0));
        }
        return out;
    }

    /** Queues a stored job; does nothing when it is queued already. */
    public void submit(String jobId) {
        if (scheduler.scheduleIfNotExists(task.instance(jobId, jobId), Instant.now())) {
            db.announceTasks();
        }
    }

    /** Interrupts the job's tasks running here, but the caller's own. */
    private void interrupt(String jobId) {
        Set<Thread> threads = running.get(jobId);
        if (threads != null) {
            threads.stream().filter(t -> t != Thread.currentThread()).forEach(Thread::interrupt);
        }
    }

    /**
     * Stores the notices of jobs as they move on and schedules their delivery. A notice that cannot be stored is
     * logged; a finished job's are stored again at the next start (the job is not marked notified).
     */
    private final class Outbox implements Dispatch {
        @Override
        public void parts(String jobId, int attempt, List<Integer> parts) {
            boolean scheduled = false;
            for (int part : parts) {
                String ref = new TaskRef(jobId, attempt, part).toString();
                scheduled |= part == JobParts.SOUND
                        ? scheduler.scheduleIfNotExists(sound.instance(ref, ref), Instant.now())
                        : scenes.scheduleIfNotExists(scene.instance(ref, ref), Instant.now());
            }
            if (scheduled) {
                db.announceTasks();
            }
        }

        @Override
        public void assemble(String jobId, int attempt) {
            String ref = new TaskRef(jobId, attempt, null).toString();
            if (scheduler.scheduleIfNotExists(assemble.instance(ref, ref), Instant.now())) {
                db.announceTasks();
            }
        }

        @Override
        public void halt(String jobId) {
            interrupt(jobId);
        }

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
        stopping = true;
        Dialect.Subscription news = listening;
        if (news != null) {
            news.close();
        }
        if (renders) {
            Thread sceneStop = new Thread(scenes::stop, "scene-scheduler-stop"); // both get the grace period at once
            sceneStop.start();
            scheduler.stop();
            try {
                sceneStop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        courier.stop();
    }
}
