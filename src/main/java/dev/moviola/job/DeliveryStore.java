package dev.moviola.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Deliveries and their attempts in the job database. */
final class DeliveryStore {
    private static final String COLUMNS = "id, job_id, kind, event, url, content_type, body, status, created_at";

    private final DataSource db;

    DeliveryStore(DataSource db) {
        this.db = db;
    }

    /**
     * Stores a job's progress notices as pending deliveries.
     *
     * @return their ids
     */
    List<Long> addProgress(String jobId, List<Notice> notices) throws SQLException {
        return notices.isEmpty() ? List.of() : Sql.transaction(db, c -> insert(c, jobId, notices));
    }

    /**
     * Stores a finished job's notices, once: the job is marked notified in the same transaction, so a second call
     * (a restart's recovery racing a late worker) stores nothing. Progress events not yet through are superseded:
     * a receiver is not told "rendering" after "done".
     *
     * @return the ids of the deliveries stored (empty when the job was notified already)
     */
    List<Long> addFinished(String jobId, List<Notice> notices) throws SQLException {
        return Sql.transaction(db, c -> {
            if (Sql.update(c, "update jobs set notified = 1 where id = ? and notified = 0", jobId) == 0) {
                return List.of();
            }
            Sql.update(c, "update deliveries set status = 'superseded', updated_at = ? where job_id = ? and event = 'progress'"
                    + " and status = 'pending'", now(), jobId);
            return insert(c, jobId, notices);
        });
    }

    private static List<Long> insert(Connection c, String jobId, List<Notice> notices) throws SQLException {
        List<Long> ids = new ArrayList<>();
        String now = now();
        for (Notice n : notices) {
            ids.add(Sql.insert(c, "id", "insert into deliveries (job_id, kind, event, url, content_type, body, status,"
                    + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)", jobId, n.kind(), n.event(),
                    n.url(), n.contentType(), n.body(), now, now));
        }
        return ids;
    }

    Optional<Delivery> find(long id) throws SQLException {
        List<Delivery> found = Sql.query(db, "select " + COLUMNS + " from deliveries where id = ?", DeliveryStore::delivery, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withAttempts(found.get(0), attempts("delivery_id = ?", id).getOrDefault(id, List.of())));
    }

    /** A job's deliveries, oldest first, each with its attempts. */
    List<Delivery> forJob(String jobId) throws SQLException {
        List<Delivery> found = Sql.query(db, "select " + COLUMNS + " from deliveries where job_id = ? order by id",
                DeliveryStore::delivery, jobId);
        Map<Long, List<Attempt>> attempts = attempts("delivery_id in (select id from deliveries where job_id = ?)", jobId);
        return found.stream().map(d -> withAttempts(d, attempts.getOrDefault(d.id(), List.of()))).toList();
    }

    /** Ids of the deliveries still to be sent. */
    List<Long> pending() throws SQLException {
        return Sql.query(db, "select id from deliveries where status = 'pending' order by id", r -> r.getLong(1));
    }

    /** Records an attempt and the delivery's status after it, in one transaction. */
    void record(long id, Attempt a, String status) throws SQLException {
        Sql.transaction(db, c -> {
            Sql.update(c, "insert into delivery_attempts (delivery_id, number, at, status_code, error, millis)"
                    + " values (?, ?, ?, ?, ?, ?)", id, a.number(), a.at().toString(), a.statusCode(), a.error(), a.millis());
            return Sql.update(c, "update deliveries set status = ?, updated_at = ? where id = ?", status, now(), id);
        });
    }

    private Map<Long, List<Attempt>> attempts(String where, Object arg) throws SQLException {
        Map<Long, List<Attempt>> out = new LinkedHashMap<>();
        Sql.query(db, "select delivery_id, number, at, status_code, error, millis from delivery_attempts where " + where
                + " order by delivery_id, number", r -> {
                    int code = r.getInt("status_code");
                    Integer statusCode = r.wasNull() ? null : code;
                    out.computeIfAbsent(r.getLong("delivery_id"), k -> new ArrayList<>()).add(new Attempt(r.getInt("number"),
                            Instant.parse(r.getString("at")), statusCode, r.getString("error"), r.getLong("millis")));
                    return null;
                }, arg);
        return out;
    }

    private static Delivery delivery(ResultSet r) throws SQLException {
        return new Delivery(r.getLong("id"), r.getString("job_id"), new Notice(r.getString("kind"), r.getString("event"),
                r.getString("url"), r.getString("content_type"), r.getString("body")), r.getString("status"), List.of(),
                Instant.parse(r.getString("created_at")));
    }

    private static Delivery withAttempts(Delivery d, List<Attempt> attempts) {
        return new Delivery(d.id(), d.jobId(), d.notice(), d.status(), attempts, d.createdAt());
    }

    private static String now() {
        return Instant.now().toString();
    }
}
