package dev.moviola.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.metrics.Meters;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Jobs in the database. Every change is one statement, and the moves into a finished state are guarded
 * ({@code where status not in (done, failed, cancelled)}): whoever makes the move learns it, so the events that
 * follow it (callbacks, webhooks) are sent once however many workers race.
 */
public final class JobStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACTIVE = "('queued', 'running', 'waiting')";
    private static final String FINISHED = "('done', 'failed', 'cancelled')";

    private final DataSource db;
    private final Dialect dialect;
    /** The condition on a job's key that holds for a null key too (jobs sent without one). */
    private final String sameKey;

    public JobStore(Database db) {
        this.db = db.dataSource();
        this.dialect = db.dialect();
        this.sameKey = db.dialect().nullSafeEquals("api_key_id");
    }

    /** A new project id: 16 letters and digits (~95 bits). */
    public static String newProject() {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * Stores a new queued job, unless its key already has {@code maxActive} jobs queued or running.
     *
     * @return the job, or empty when the key is at its limit
     */
    public Optional<Job> create(String apiKeyId, JsonNode request, String callbackUrl, int maxActive) throws SQLException {
        String project = newProject();
        String now = now();
        // One transaction, the key's submissions taking turns: the count and the insert cannot interleave with
        // another submission's, in this process or another.
        boolean created = Sql.transaction(db, c -> {
            dialect.lock(c, "active jobs of " + (apiKeyId == null ? "no key" : "key " + apiKeyId));
            int active = Sql.query(c, "select count(*) from jobs where " + sameKey + " and status in " + ACTIVE,
                    r -> r.getInt(1), apiKeyId).get(0);
            if (active >= maxActive) {
                return false;
            }
            Sql.update(c, "insert into jobs (id, project, api_key_id, status, phase, progress, request, callback_url,"
                    + " created_at, updated_at) values (?, ?, ?, 'queued', null, 0, ?, ?, ?, ?)",
                    Job.idOf(project), project, apiKeyId, write(request), callbackUrl, now, now);
            return true;
        });
        if (created) {
            Meters.current().jobSubmitted();
        }
        return created ? find(Job.idOf(project)) : Optional.empty();
    }

    public Optional<Job> find(String id) throws SQLException {
        List<Job> found = query("select * from jobs where id = ?", id);
        return found.stream().findFirst();
    }

    /**
     * Newest first.
     *
     * @param before only jobs older than this cursor ({@link Job#seq()}), or null
     */
    public List<Job> list(String apiKeyId, int limit, Long before) throws SQLException {
        // Conditions only for what is given: a null parameter has no type PostgreSQL could infer in "? is null".
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from jobs where 1 = 1");
        if (apiKeyId != null) {
            sql.append(" and api_key_id = ?");
            args.add(apiKeyId);
        }
        if (before != null) {
            sql.append(" and seq < ?");
            args.add(before);
        }
        args.add(limit);
        return query(sql.append(" order by seq desc limit ?").toString(), args.toArray());
    }

    /** How many jobs are in each status ({@link JobStatus#word()}) now; a status no job has is absent. */
    public java.util.Map<String, Long> countByStatus() throws SQLException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        Sql.query(db, "select status, count(*) from jobs group by status", r -> java.util.Map.entry(r.getString(1),
                r.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Jobs a worker should be running: queued or started, not finished. */
    public List<Job> unfinished() throws SQLException {
        return query("select * from jobs where status in " + ACTIVE + " order by seq");
    }

    /** A worker starts (or, after a crash, restarts) a job. False when it is finished or gone. */
    public boolean start(String id) throws SQLException {
        // progress is kept: a job started again goes on from where it was seen (progress never goes back)
        return update("update jobs set status = 'running', phase = 'planning', attempts = attempts + 1,"
                + " started_at = coalesce(started_at, ?), updated_at = ? where id = ? and status in " + ACTIVE,
                now(), now(), id) == 1;
    }

    /** Progress of a running job; ignored once it is finished. */
    public void progress(String id, JobStatus status, String phase, double progress, JsonNode children) throws SQLException {
        update("update jobs set status = ?, phase = ?, progress = case when progress > ? then progress else ? end, children = ?,"
                + " updated_at = ? where id = ? and status not in " + FINISHED, status.word(), phase, progress, progress,
                write(children), now(), id);
    }

    /** What planning learnt that the finished job reports: the caches' use so far and the reading warnings. */
    public void planned(String id, JsonNode cache, JsonNode warnings) throws SQLException {
        update("update jobs set cache = ?, warnings = ?, updated_at = ? where id = ? and status not in " + FINISHED,
                write(cache), write(warnings), now(), id);
    }

    /** The job went back to the queue (to be retried, or resumed after a stop). */
    public void requeue(String id, String phase) throws SQLException {
        update("update jobs set status = 'queued', phase = ?, updated_at = ? where id = ? and status not in " + FINISHED,
                phase, now(), id);
    }

    /**
     * Moves a job into a finished state, once.
     *
     * @return whether this call finished it (false: it was finished already, e.g. cancelled meanwhile)
     */
    public boolean finish(String id, JobStatus status, JsonNode error, JsonNode media, JsonNode children, JsonNode cache,
            JsonNode warnings, boolean hasOutput, boolean hasCaptions) throws SQLException {
        String now = now();
        return finished(status, update("update jobs set status = ?, phase = null, progress = coalesce(?, progress),"
                + " error = ?, media = ?, children = coalesce(?, children), cache = coalesce(?, cache), warnings = coalesce(?, warnings),"
                + " has_output = ?, has_captions = ?, updated_at = ?, ended_at = ? where id = ? and status not in " + FINISHED,
                status.word(), status == JobStatus.DONE ? 1.0 : null, write(error), write(media), write(children),
                write(cache), write(warnings), hasOutput ? 1 : 0, hasCaptions ? 1 : 0, now, now, id) == 1);
    }

    /** Counts a move into a finished state that this call made ({@code moved}), and says whether it did. */
    private static boolean finished(JobStatus status, boolean moved) {
        if (moved) {
            Meters.current().jobFinished(status.word());
        }
        return moved;
    }

    /** Cancels a job that is not finished: true when this call cancelled it. */
    public boolean cancel(String id, JsonNode error) throws SQLException {
        String now = now();
        return finished(JobStatus.CANCELLED, update("update jobs set status = 'cancelled', phase = null, error = ?,"
                + " updated_at = ?, ended_at = ? where id = ? and status not in " + FINISHED, write(error), now, now, id) == 1);
    }

    /** Removes a job and its deliveries. */
    public boolean delete(String id) throws SQLException {
        return Sql.transaction(db, c -> {
            Sql.update(c, "delete from deliveries where job_id = ?", id);
            Sql.update(c, "delete from job_parts where job_id = ?", id);
            return Sql.update(c, "delete from jobs where id = ?", id) == 1;
        });
    }

    /** Finished jobs whose finishing messages were never stored (the process stopped in between). */
    public List<Job> finishedUnnotified() throws SQLException {
        return query("select * from jobs where notified = 0 and status in " + FINISHED + " order by seq");
    }

    private List<Job> query(String sql, Object... args) throws SQLException {
        return Sql.query(db, sql, JobStore::job, args);
    }

    private int update(String sql, Object... args) throws SQLException {
        return Sql.update(db, sql, args);
    }

    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getString("id"), r.getString("project"), r.getString("api_key_id"),
                JobStatus.of(r.getString("status")), r.getString("phase"), r.getDouble("progress"),
                read(r.getString("request")), r.getString("callback_url"), read(r.getString("error")),
                read(r.getString("media")), read(r.getString("children")), read(r.getString("cache")),
                read(r.getString("warnings")), r.getInt("has_output") == 1, r.getInt("has_captions") == 1, r.getInt("attempts"),
                instant(r.getString("created_at")), instant(r.getString("updated_at")),
                instant(r.getString("started_at")), instant(r.getString("ended_at")), r.getLong("seq"));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String now() {
        return Instant.now().toString();
    }

    static String write(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String s) {
        if (s == null) {
            return null;
        }
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the job database: " + e.getMessage(), e);
        }
    }
}
