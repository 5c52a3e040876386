package dev.moviola.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The parts of a job that render as tasks of their own: each scene, and the movie's sound ({@link #SOUND}).
 * A job renders at most {@code window} scenes at once (its concurrency, docs/architecture.md#jobs-in-the-service): it dispatches that many, and
 * each scene that finishes dispatches the next. Every move is one transaction that first takes the job's row
 * ({@link #takeTurn}), so the moves of a job's parts take turns, and exactly one finishing part learns that it
 * was the last (and schedules the assembly), however the parts race, in one process or several.
 */
final class JobParts {
    static final int SOUND = -1;

    /**
     * What a finished part leads to.
     *
     * @param dispatch parts to dispatch now (the next scene, when a scene finished)
     * @param last     this was the job's last part: it can be assembled
     */
    record Next(List<Integer> dispatch, boolean last) {
    }

    /** How a job's scenes were made, once they are all done. */
    record Counts(int cached, int rendered) {
    }

    private final DataSource db;

    JobParts(DataSource db) {
        this.db = db;
    }

    /**
     * Sets up a job's parts afresh (a job that starts again starts from its plan) and dispatches the first: the
     * sound and up to {@code window} scenes.
     */
    List<Integer> start(String jobId, int scenes, int window) throws SQLException {
        return Sql.transaction(db, c -> {
            takeTurn(c, jobId);
            Sql.update(c, "delete from job_parts where job_id = ?", jobId);
            for (int part = SOUND; part < scenes; part++) {
                Sql.update(c, "insert into job_parts (job_id, part, state) values (?, ?, 'queued')", jobId, part);
            }
            return claim(c, jobId, window + 1); // lowest first: the sound, then the first scenes
        });
    }

    /** Marks a part done and says what follows; a part that was done already leads nowhere. */
    Next finished(String jobId, int part, boolean cached) throws SQLException {
        return Sql.transaction(db, c -> {
            takeTurn(c, jobId);
            boolean changed = Sql.update(c, "update job_parts set state = 'done', cached = ? where job_id = ? and part = ?"
                    + " and state != 'done'", cached ? 1 : 0, jobId, part) == 1;
            if (!changed) {
                return new Next(List.of(), false);
            }
            List<Integer> next = part == SOUND ? List.of() : claim(c, jobId, 1);
            int left = Sql.query(c, "select count(*) from job_parts where job_id = ? and state != 'done'",
                    r -> r.getInt(1), jobId).get(0);
            return new Next(next, left == 0);
        });
    }

    Counts counts(String jobId) throws SQLException {
        return Sql.query(db, "select coalesce(sum(cached), 0), count(*) from job_parts where job_id = ? and part >= 0"
                + " and state = 'done'", r -> new Counts(r.getInt(1), r.getInt(2) - r.getInt(1)), jobId).get(0);
    }

    void delete(String jobId) throws SQLException {
        Sql.update(db, "delete from job_parts where job_id = ?", jobId);
    }

    /**
     * Writes the job's row without changing it, so that the rest of the transaction runs alone among the job's
     * part moves: on PostgreSQL the row stays locked until the commit, and every later statement of a transaction
     * that waited sees what the one before committed (where two parts finishing at once would otherwise each see
     * the other still running, and neither would be last); on SQLite every writing transaction runs alone anyway.
     * Portable SQL: SQLite has no {@code select … for update}.
     */
    private static void takeTurn(Connection c, String jobId) throws SQLException {
        Sql.update(c, "update jobs set updated_at = updated_at where id = ?", jobId);
    }

    private static List<Integer> claim(Connection c, String jobId, int n) throws SQLException {
        List<Integer> parts = Sql.query(c, "select part from job_parts where job_id = ? and state = 'queued'"
                + " order by part limit ?", r -> r.getInt(1), jobId, n);
        for (int part : parts) {
            Sql.update(c, "update job_parts set state = 'dispatched' where job_id = ? and part = ?", jobId, part);
        }
        return parts;
    }
}
