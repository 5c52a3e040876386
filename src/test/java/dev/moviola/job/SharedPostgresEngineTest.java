package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import dev.moviola.assemble.Thumbnail;
import dev.moviola.cluster.LocalPostgres;
import dev.moviola.config.DatabaseUrl;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.storage.LocalBlobStore;
import dev.moviola.testing.Renders;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes' worth of engines on one PostgreSQL database, each with its own connection pool, work directory
 * and cache, sharing the blob store as a cluster shares its storage: a task is run by one of them only, and a task
 * one schedules wakes the other at once (NOTIFY), not at its next poll.
 */
class SharedPostgresEngineTest {
    @TempDir
    Path dir;
    DatabaseUrl url;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void database() {
        url = DatabaseUrl.parse(LocalPostgres.shared().createDatabase());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /**
     * B polls once a minute. A task that becomes due without being announced waits (B does not see it); when A
     * schedules a job and announces it, B wakes, and runs both: the waiting task first noticed then.
     */
    @Test
    void anAnnouncedTaskWakesTheOtherProcessBeforeItsPoll() throws Exception {
        JobEngine.Timing slowPoll = new JobEngine.Timing(Duration.ofSeconds(60), Duration.ofSeconds(10));
        Process b = process("b", slowPoll, ProcessObserver.NONE);
        b.engine.start();
        Process a = process("a", slowPoll, ProcessObserver.NONE); // schedules only: never started

        String silent = b.jobs.create(null, failingMovie(), null, 10).orElseThrow().id();
        Instant due = Instant.now().plusSeconds(3);
        unannouncedTask(b.db, silent, due); // as a scheduler that does not announce would leave it
        sleepUntil(due.plusSeconds(2));
        assertThat(b.jobs.find(silent).orElseThrow().attempts()).as("due for 2 s, unseen: B only polls each minute")
                .isZero();

        String announced = a.jobs.create(null, failingMovie(), null, 10).orElseThrow().id();
        a.engine.submit(announced);
        Instant woken = Instant.now();
        for (String id : List.of(announced, silent)) {
            Job job = awaitFinished(b.jobs, id, woken.plusSeconds(20));
            assertThat(job.attempts()).as(id + " planned once, by B").isEqualTo(1);
            assertThat(job.status()).isEqualTo(JobStatus.FAILED); // a movie without scenes: read, refused
        }
    }

    /**
     * The listening connection is cut (a server restart, a proxy's idle timeout): the listener connects again and
     * announcements wake the process as before.
     */
    @Test
    void theListenerConnectsAgainAfterItsConnectionIsCut() throws Exception {
        JobEngine.Timing slowPoll = new JobEngine.Timing(Duration.ofSeconds(60), Duration.ofSeconds(10));
        Process b = process("b", slowPoll, ProcessObserver.NONE);
        b.engine.start();
        Process a = process("a", slowPoll, ProcessObserver.NONE);
        String listener = "select pid from pg_stat_activity where datname = current_database()"
                + " and query ilike 'listen %'";
        Instant until = Instant.now().plusSeconds(10);
        while (Sql.query(a.db.dataSource(), listener, r -> r.getInt(1)).isEmpty()) {
            assertThat(Instant.now()).as("B listens").isBefore(until);
            Thread.sleep(50);
        }
        List<Integer> cut = Sql.query(a.db.dataSource(), listener, r -> r.getInt(1));
        assertThat(Sql.query(a.db.dataSource(), "select pg_terminate_backend(?)", r -> r.getBoolean(1), cut.get(0)))
                .containsExactly(true);
        until = Instant.now().plusSeconds(15);
        while (Sql.query(a.db.dataSource(), listener + " and pid != ?", r -> r.getInt(1), cut.get(0)).isEmpty()) {
            assertThat(Instant.now()).as("B listens again").isBefore(until);
            Thread.sleep(50);
        }
        String id = a.jobs.create(null, failingMovie(), null, 10).orElseThrow().id();
        a.engine.submit(id);
        assertThat(awaitFinished(b.jobs, id, Instant.now().plusSeconds(20)).attempts()).isEqualTo(1);
    }

    /**
     * A process died while planning a job: its task stays picked, its heartbeat stops. With a short
     * {@code task-heartbeat}, another process runs the task again after the missed heartbeats (here 6 × 0.2 s).
     */
    @Test
    void aTaskWhoseProcessDiedRunsAgainElsewhereAfterItsMissedHeartbeats() throws Exception {
        Process b = process("b", new JobEngine.Timing(Duration.ofMillis(500), Duration.ofMillis(200)), ProcessObserver.NONE);
        String id = b.jobs.create(null, failingMovie(), null, 10).orElseThrow().id();
        assertThat(b.jobs.start(id)).isTrue(); // the dead process had started it
        Instant lastSign = Instant.now().minusSeconds(5);
        try (Connection c = b.db.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("insert into scheduled_tasks (task_name, task_instance, task_data,"
                        + " execution_time, picked, picked_by, consecutive_failures, last_heartbeat, version, priority)"
                        + " values (?, ?, ?, ?, true, 'gone:1', 0, ?, 2, 0)")) {
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            p.setString(1, JobEngine.TASK);
            p.setString(2, id);
            p.setBytes(3, Serializer.DEFAULT_JAVA_SERIALIZER.serialize(id));
            p.setTimestamp(4, Timestamp.from(lastSign), utc);
            p.setTimestamp(5, Timestamp.from(lastSign), utc);
            p.executeUpdate();
        }
        b.engine.start();
        Job job = awaitFinished(b.jobs, id, Instant.now().plusSeconds(30));
        assertThat(job.attempts()).as("started by the dead process, then again here").isEqualTo(2);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    }

    /**
     * Jobs submitted to both, one job and one scene at a time each, so both work: every job is planned once,
     * every scene and every assembly runs once across the two, and every job is done.
     */
    @Test
    @Slow
    void twoEnginesOnOneDatabaseNeverRunATaskTwice() throws Exception {
        JobEngine.Timing timing = new JobEngine.Timing(Duration.ofSeconds(1), Duration.ofMillis(500));
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Process a = process("a", timing, counting("a", runs));
        Process b = process("b", timing, counting("b", runs));
        a.engine.start();
        b.engine.start();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Process to = i % 2 == 0 ? a : b;
            String id = to.jobs.create(null, movie(i), null, 10).orElseThrow().id();
            to.engine.submit(id);
            ids.add(id);
        }
        for (String id : ids) {
            Job job = awaitFinished(a.jobs, id, Instant.now().plusSeconds(120));
            assertThat(job.status()).as(id + ": " + job.error()).isEqualTo(JobStatus.DONE);
            assertThat(job.attempts()).as(id + " planned once").isEqualTo(1);
            assertThat(dir.resolve("blobs/" + job.outputKey())).isNotEmptyFile();
        }
        int assemblies = count(runs, "assemble");
        int scenes = count(runs, "scene ");
        assertThat(assemblies).as("runs by process and purpose: " + runs).isEqualTo(4);
        assertThat(scenes).as("runs by process and purpose: " + runs).isEqualTo(8);
        assertThat(runs.keySet()).as("both processes rendered").anyMatch(k -> k.startsWith("a "))
                .anyMatch(k -> k.startsWith("b "));
        for (String table : List.of("scheduled_tasks", JobEngine.SCENE_TABLE)) {
            assertThat(Sql.query(a.db.dataSource(), "select count(*) from " + table, r -> r.getInt(1)))
                    .as("every task finished and removed").containsExactly(0);
        }
    }

    /**
     * A process stops (SIGTERM, a deploy) while rendering a scene: the scene task, interrupted after the grace
     * period, is made due again and the other process renders it; the job is done, planned once, never stuck.
     */
    @Test
    @Slow
    void aSceneStoppedByAShutdownIsRenderedByAnotherProcess() throws Exception {
        JobEngine.Timing timing = new JobEngine.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1));
        Process a = process("a", timing, ProcessObserver.NONE, Duration.ofMillis(100));
        String id;
        // In A, each scene first waits a minute (the bench's stand-in for a heavy scene): it is surely running
        // when A stops.
        System.setProperty(RenderJob.BENCH_WAIT, "60000");
        try {
            a.engine.start();
            id = a.jobs.create(null, longMovie(), null, 10).orElseThrow().id();
            a.engine.submit(id);
            String picked = "select count(*) from " + JobEngine.SCENE_TABLE + " where picked = true and task_name = '"
                    + JobEngine.SCENE + "' and task_instance like '" + id + "/1/%' and task_instance != '" + id + "/1/-1'";
            Instant until = Instant.now().plusSeconds(60);
            while (Sql.query(a.db.dataSource(), picked, r -> r.getInt(1)).get(0) == 0) {
                assertThat(Instant.now()).as("A renders a scene").isBefore(until);
                Thread.sleep(20);
            }
            open.remove(a.engine);
            a.engine.close(); // the scene is interrupted 0.1 s on
        } finally {
            System.clearProperty(RenderJob.BENCH_WAIT);
        }
        assertThat(Sql.query(a.db.dataSource(), "select count(*) from " + JobEngine.SCENE_TABLE + " where picked = false",
                r -> r.getInt(1)).get(0)).as("handed back: due again, picked by nobody").isPositive();

        Process b = process("b", timing, ProcessObserver.NONE);
        b.engine.start();
        Job job = awaitFinished(b.jobs, id, Instant.now().plusSeconds(120));
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.DONE);
        assertThat(job.attempts()).as("not planned again: the stopped scene itself was handed over").isEqualTo(1);
    }

    /** One process's part: its own pool on the database, work directory and cache; the blob store is shared. */
    private record Process(Database db, JobStore jobs, JobEngine engine) {
    }

    private Process process(String name, JobEngine.Timing timing, ProcessObserver observer) throws Exception {
        return process(name, timing, observer, Duration.ofSeconds(5));
    }

    private Process process(String name, JobEngine.Timing timing, ProcessObserver observer, Duration grace)
            throws Exception {
        Database db = Database.open(url, 6);
        open.add(db);
        JobStore jobs = new JobStore(db);
        Settings settings = Renders.settings(dir.resolve(name));
        RenderJob runner = new RenderJob(jobs, db.dataSource(), new LocalBlobStore(dir.resolve("blobs")),
                new Pipeline(settings, TestFfmpeg.ffmpeg(observer)).stages(), settings,
                new Thumbnail(TestFfmpeg.ffmpeg()), !db.exclusive());
        Deliveries deliveries = new Deliveries(db.dataSource(), Notices.NONE, (delivery, number) -> {
            throw new AssertionError("nothing is to be delivered");
        }, 1, Duration.ofSeconds(1));
        JobEngine engine = new JobEngine(db, jobs, runner, deliveries, 1, 1, grace, timing);
        open.add(engine);
        return new Process(db, jobs, engine);
    }

    /** Counts ffmpeg runs as "process purpose" (the purpose's scene number dropped). */
    private static ProcessObserver counting(String process, Map<String, AtomicInteger> runs) {
        return new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle handle) {
                runs.computeIfAbsent(process + " " + purpose, k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    private static int count(Map<String, AtomicInteger> runs, String purpose) {
        return runs.entrySet().stream().filter(e -> e.getKey().substring(2).startsWith(purpose))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Two short scenes in colours no other job has (no cache hits), with a caption each. */
    private static ObjectNode movie(int i) throws Exception {
        String json = """
                {"movie": {"resolution": "custom", "width": 160, "height": 90, "scenes": [
                  {"duration": 0.5, "background-color": "#%02x0000", "elements": [{"type": "text", "text": "a%d"}]},
                  {"duration": 0.5, "background-color": "#00%02x00", "elements": [{"type": "text", "text": "b%d"}]}]}}"""
                .formatted(40 + i * 40, i, 40 + i * 40, i);
        return (ObjectNode) JobStore.JSON.readTree(json);
    }

    /** Two scenes that each take a moment to render. */
    private static ObjectNode longMovie() throws Exception {
        return (ObjectNode) JobStore.JSON.readTree("""
                {"movie": {"resolution": "custom", "width": 320, "height": 180, "scenes": [
                  {"duration": 6, "background-color": "#123456", "elements": [{"type": "text", "text": "long one"}]},
                  {"duration": 6, "background-color": "#654321", "elements": [{"type": "text", "text": "long two"}]}]}}""");
    }

    /** A movie that fails as soon as it is read. */
    private static ObjectNode failingMovie() {
        ObjectNode request = JobStore.JSON.createObjectNode();
        request.putObject("movie").putArray("scenes");
        return request;
    }

    /** A job's plan task, written as db-scheduler writes one, due at {@code due}, with no announcement. */
    private static void unannouncedTask(Database db, String jobId, Instant due) throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("insert into scheduled_tasks (task_name, task_instance, task_data,"
                        + " execution_time, picked, consecutive_failures, version, priority)"
                        + " values (?, ?, ?, ?, false, 0, 1, 0)")) {
            p.setString(1, JobEngine.TASK);
            p.setString(2, jobId);
            p.setBytes(3, Serializer.DEFAULT_JAVA_SERIALIZER.serialize(jobId));
            p.setTimestamp(4, Timestamp.from(due), utc);
            p.executeUpdate();
        }
    }

    private static Job awaitFinished(JobStore jobs, String id, Instant deadline) throws Exception {
        while (true) {
            Job job = jobs.find(id).orElseThrow();
            if (job.status().finished()) {
                return job;
            }
            assertThat(Instant.now()).as(id + " finishes; it is " + job.status().word()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
