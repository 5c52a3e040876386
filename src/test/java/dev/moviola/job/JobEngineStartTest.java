package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import dev.moviola.assemble.Thumbnail;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.storage.LocalBlobStore;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a start does with the tasks and jobs it finds: on a database of its own it takes them over at once; on a
 * shared one they may belong to a live process, and are left to db-scheduler.
 */
class JobEngineStartTest {
    private static final String OTHER = "other-host";

    @TempDir
    Path dir;
    Path data;
    Path intermediate;

    @BeforeEach
    void paths() {
        data = dir.resolve("data");
        intermediate = data.resolve("blobs/intermediates/job_x/scene_000.body.mp4");
    }

    /**
     * SQLite: the owner stands for the live process using the database, and this process opens it beside,
     * unclaimed. PostgreSQL: shared by design, nobody claims it.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void aSharedStartLeavesAnotherProcesssTasksJobsAndFilesAlone(Store store) throws Exception {
        try (Database owner = store == Store.SQLITE ? Database.open(data, 2) : null;
                Database shared = store == Store.SQLITE ? Database.open(Dialect.sqlite(), data.toString(), 8, null, false)
                        : store.open(data, 8)) {
            assertThat(owner == null || owner.exclusive()).isTrue();
            assertThat(shared.exclusive()).isFalse();
            JobStore jobs = new JobStore(shared);
            String running = jobs.create(null, request(), null, 10).orElseThrow().id();
            assertThat(jobs.start(running)).isTrue();
            String neverStarted = jobs.create(null, request(), null, 10).orElseThrow().id();
            picked(shared, "scheduled_tasks", JobEngine.TASK, running);
            picked(shared, JobEngine.SCENE_TABLE, JobEngine.SCENE, running + "/1/0");
            Files.createDirectories(intermediate.getParent());
            Files.writeString(intermediate, "a clip being rendered elsewhere");

            try (JobEngine engine = engine(shared, jobs)) {
                engine.start();
                assertThat(pickers(shared, "scheduled_tasks", running)).containsExactly(OTHER);
                assertThat(pickers(shared, JobEngine.SCENE_TABLE, running + "/1/0")).containsExactly(OTHER);
                Job job = jobs.find(running).orElseThrow();
                assertThat(job.status()).as("not requeued").isEqualTo(JobStatus.RUNNING);
                assertThat(job.attempts()).isEqualTo(1);
                assertThat(intermediate).exists();
                // A job no process ever started gets its task (here it may have run already: then it was started).
                assertThat(tasks(shared, neverStarted) + jobs.find(neverStarted).orElseThrow().attempts()).isPositive();
            }
        }
    }

    @Test
    void anExclusiveStartTakesOverWhatADeadProcessLeft() throws Exception {
        try (Database db = Database.open(data, 8)) {
            assertThat(db.exclusive()).isTrue();
            picked(db, "scheduled_tasks", JobEngine.TASK, "job_gone");
            picked(db, JobEngine.SCENE_TABLE, JobEngine.SCENE, "job_gone/1/0");
            Files.createDirectories(intermediate.getParent());
            Files.writeString(intermediate, "a clip of a process that died");

            try (JobEngine engine = engine(db, new JobStore(db))) {
                engine.start();
                // Released (then perhaps run already, and gone: the job does not exist).
                assertThat(pickers(db, "scheduled_tasks", "job_gone")).doesNotContain(OTHER);
                assertThat(pickers(db, JobEngine.SCENE_TABLE, "job_gone/1/0")).isEmpty();
                assertThat(intermediate).doesNotExist();
            }
        }
    }

    private JobEngine engine(Database db, JobStore jobs) {
        Settings settings = Renders.settings(dir);
        RenderJob runner = new RenderJob(jobs, db.dataSource(), new LocalBlobStore(data.resolve("blobs")),
                new Pipeline(settings, TestFfmpeg.ffmpeg()).stages(), settings, new Thumbnail(TestFfmpeg.ffmpeg()));
        Deliveries deliveries = new Deliveries(db.dataSource(), Notices.NONE, (delivery, number) -> {
            throw new AssertionError("nothing is to be delivered");
        }, 1, Duration.ofSeconds(1));
        return new JobEngine(db, jobs, runner, deliveries, 1, 1, Duration.ofSeconds(1));
    }

    /** A movie that fails at once, should it be planned. */
    private static ObjectNode request() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putObject("movie").putArray("scenes");
        return request;
    }

    /** A task picked by another scheduler whose heartbeat is fresh, as db-scheduler writes it. */
    private static void picked(Database db, String table, String task, String instance) throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("insert into " + table + " (task_name, task_instance, task_data,"
                        + " execution_time, picked, picked_by, consecutive_failures, last_heartbeat, version, priority)"
                        + " values (?, ?, ?, ?, true, ?, 0, ?, 1, 0)")) {
            p.setString(1, task);
            p.setString(2, instance);
            p.setBytes(3, Serializer.DEFAULT_JAVA_SERIALIZER.serialize(instance));
            p.setTimestamp(4, now, utc);
            p.setString(5, OTHER);
            p.setTimestamp(6, now, utc);
            p.executeUpdate();
        }
    }

    private static int tasks(Database db, String instance) throws SQLException {
        return Sql.query(db.dataSource(), "select count(*) from scheduled_tasks where task_instance = ?", r -> r.getInt(1),
                instance).get(0);
    }

    /** Who has picked a task now: empty when no one has or the task is gone. */
    private static List<String> pickers(Database db, String table, String instance) throws SQLException {
        return Sql.query(db.dataSource(), "select coalesce(picked_by, '') from " + table + " where task_instance = ?"
                + " and picked = true", r -> r.getString(1), instance);
    }
}
