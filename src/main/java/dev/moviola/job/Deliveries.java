package dev.moviola.job;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks and export webhooks, sent durably: each notice is stored with its job before anything is sent, each
 * try is recorded, and a failed try (an error status, a refused connection, a timeout) is repeated later with
 * exponential backoff and jitter until it gets through or {@code maxAttempts} tries are spent (the defaults,
 * 6 tries from 20 s apart, span about ten minutes). The engine's {@code deliver} task makes the tries, so
 * deliveries survive a restart.
 */
public final class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryStore store;
    private final Notices notices;
    private final Courier courier;
    private final int maxAttempts;
    private final Duration firstRetry;

    /**
     * @param maxAttempts tries before a delivery is given up
     * @param firstRetry  the wait after the first failed try; each later wait doubles (±20 % jitter)
     */
    public Deliveries(DataSource db, Notices notices, Courier courier, int maxAttempts, Duration firstRetry) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("delivery attempts must be at least 1, got " + maxAttempts);
        }
        this.store = new DeliveryStore(db);
        this.notices = notices;
        this.courier = courier;
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
    }

    /** Stores what a running job's watchers are to be told; returns the new deliveries' ids. */
    List<Long> progressed(Job job) throws SQLException {
        List<Notice> n = notices.progressed(job);
        return n.isEmpty() ? List.of() : store.addProgress(job.id(), n);
    }

    /** Stores what a finished job's watchers are to be told, once per job; returns the new deliveries' ids. */
    List<Long> finished(Job job) throws SQLException {
        return store.addFinished(job.id(), notices.finished(job));
    }

    /** A job's deliveries with their attempts, oldest first. */
    public List<Delivery> forJob(String jobId) throws SQLException {
        return store.forJob(jobId);
    }

    List<Long> pending() throws SQLException {
        return store.pending();
    }

    /**
     * Makes the next try of a delivery.
     *
     * @return when to try again; empty when there is nothing more to do (delivered, given up, superseded, gone)
     */
    Optional<Instant> attempt(long id) throws SQLException {
        Optional<Delivery> found = store.find(id);
        if (found.isEmpty() || !found.get().status().equals("pending")) {
            return Optional.empty();
        }
        Delivery d = found.get();
        int number = d.attempts().size() + 1;
        Attempt a = courier.send(d, number);
        String status = a.delivered() ? "delivered" : number >= maxAttempts ? "failed" : "pending";
        store.record(id, a, status);
        if (a.delivered()) {
            return Optional.empty();
        }
        if (status.equals("failed")) {
            LOG.warn("job {}: gave up delivering the {} {} to {} after {} attempts; last: {}", d.jobId(),
                    d.notice().event(), d.notice().kind(), d.notice().url(), number, a.error());
            return Optional.empty();
        }
        Duration wait = backoff(number);
        LOG.info("job {}: {} {} to {} failed ({}); attempt {} of {} in {} s", d.jobId(), d.notice().event(),
                d.notice().kind(), d.notice().url(), a.error(), number + 1, maxAttempts, wait.toSeconds());
        return Optional.of(Instant.now().plus(wait));
    }

    /** The wait after the {@code failed}-th failed try: {@code firstRetry × 2^(failed-1)}, ±20 %. */
    Duration backoff(int failed) {
        double base = firstRetry.toMillis() * Math.pow(2, Math.min(failed - 1, 20));
        return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }
}
