package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** New deliveries' ids, as the database gave them (JDBC generated keys), are the rows' own, on every database. */
class DeliveryStoreTest {
    @TempDir
    Path dir;
    Database db;
    DeliveryStore store;
    String jobId;

    void open(Store kind) throws Exception {
        db = kind.open(dir, 2);
        store = new DeliveryStore(db.dataSource());
        jobId = new JobStore(db).create("key", JsonNodeFactory.instance.objectNode(), null, 10).orElseThrow().id();
        // Ids so far are not 1, 2, ...: an id that merely counted rows would show.
        Sql.update(db.dataSource(), "insert into deliveries (id, job_id, kind, event, url, content_type, body, status,"
                + " created_at, updated_at) values (41, ?, 'callback', 'progress', 'http://x', 'text/plain', '', 'failed',"
                + " '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')", jobId);
        if (kind == Store.POSTGRES) {
            // An explicit id does not move PostgreSQL's identity sequence (SQLite's next rowid follows the largest).
            Sql.query(db.dataSource(), "select setval(pg_get_serial_sequence('deliveries', 'id'), 41)", r -> r.getLong(1));
        }
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void eachIdIsThatOfTheRowStored(Store kind) throws Exception {
        open(kind);
        List<Long> progress = store.addProgress(jobId, List.of(notice("progress", "a"), notice("progress", "b")));
        assertThat(progress).containsExactly(42L, 43L);
        assertThat(store.find(42).orElseThrow().notice().body()).isEqualTo("a");
        assertThat(store.find(43).orElseThrow().notice().body()).isEqualTo("b");

        Sql.update(db.dataSource(), "update jobs set status = 'done' where id = ?", jobId);
        List<Long> finished = store.addFinished(jobId, List.of(notice("done", "c")));
        assertThat(finished).containsExactly(44L);
        assertThat(store.find(44).orElseThrow().notice().event()).isEqualTo("done");
        assertThat(store.addFinished(jobId, List.of(notice("done", "again")))).as("once per job").isEmpty();
        assertThat(store.forJob(jobId)).extracting(Delivery::id).containsExactly(41L, 42L, 43L, 44L);
        assertThat(store.pending()).as("the progress ones were superseded").containsExactly(44L);

        store.record(44, new Attempt(1, java.time.Instant.parse("2024-01-02T00:00:00Z"), null, "connection refused", 12),
                "pending");
        store.record(44, new Attempt(2, java.time.Instant.parse("2024-01-02T00:01:00Z"), 204, null, 30), "delivered");
        Delivery delivered = store.find(44).orElseThrow();
        assertThat(delivered.status()).isEqualTo("delivered");
        assertThat(delivered.attempts()).containsExactly(
                new Attempt(1, java.time.Instant.parse("2024-01-02T00:00:00Z"), null, "connection refused", 12),
                new Attempt(2, java.time.Instant.parse("2024-01-02T00:01:00Z"), 204, null, 30));
        assertThat(store.pending()).isEmpty();
    }

    private static Notice notice(String event, String body) {
        return new Notice("callback", event, "http://receiver.test/hook", "application/json", body);
    }
}
