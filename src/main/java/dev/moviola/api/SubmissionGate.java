package dev.moviola.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many submissions are read and checked at once, across all keys. Reading and templating one can take
 * its 5 MiB body, a JSON tree several times that, and templating's budget of text; the rate limit bounds how many
 * a key sends a minute, not how many arrive together. Beyond the bound a submission waits (a burst is absorbed),
 * and after {@code wait} it gets 503 {@code SERVER_BUSY} with {@code Retry-After}, its body unread.
 */
final class SubmissionGate {
    /** Run while holding a place in the gate. */
    interface Work<T> {
        T run() throws Exception;
    }

    private final int places;
    private final Semaphore free;
    private final Duration wait;
    /** What passes through, for the message of a refusal: "submissions". */
    private final String what;

    SubmissionGate(int places, Duration wait) {
        this(places, wait, "submissions");
    }

    SubmissionGate(int places, Duration wait, String what) {
        this.what = what;
        this.places = places;
        this.free = new Semaphore(places, true);
        this.wait = wait;
    }

    /** As many places as cores (at least 2): checking is CPU work, more at once would not finish sooner. */
    static SubmissionGate forThisMachine() {
        return new SubmissionGate(Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(10));
    }

    <T> T through(Work<T> work) throws Exception {
        if (!free.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ApiError(503, "SERVER_BUSY", "the server is checking " + places + " " + what + " already and this"
                    + " one waited " + wait.toSeconds() + " s; send it again in a few seconds (the Retry-After header)");
        }
        try {
            return work.run();
        } finally {
            free.release();
        }
    }

    /** For tests: takes every place, as if that many submissions were being checked. */
    void fill() throws InterruptedException {
        free.acquire(places);
    }

    /** For tests: gives back what {@link #fill} took. */
    void empty() {
        free.release(places);
    }
}
