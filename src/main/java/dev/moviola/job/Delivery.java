package dev.moviola.job;

import java.time.Instant;
import java.util.List;

/**
 * A notice stored for sending, with every attempt made so far.
 *
 * @param status {@code pending}, {@code delivered}, {@code failed} (gave up) or {@code superseded} (a progress
 *               event that the job's end made moot before it got through)
 */
public record Delivery(long id, String jobId, Notice notice, String status, List<Attempt> attempts, Instant createdAt) {

    public Delivery {
        attempts = List.copyOf(attempts);
    }
}
