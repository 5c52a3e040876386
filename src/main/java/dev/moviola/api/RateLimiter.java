package dev.moviola.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per minute per API key, as token buckets: a key may send {@code perMinute} requests at once (the
 * burst) and then one each {@code 60 / perMinute} seconds; an idle key's bucket fills up again within a minute.
 * Buckets are kept by key id — ids of stored keys only, never anything a client makes up —, and full ones are
 * dropped whenever there are many, so memory stays bounded by the keys in use.
 */
final class RateLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int PRUNE_ABOVE = 1_000;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute requests a minute per key; 0 turns the limit off */
    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes a token for a request of the key: 0 when it may go on, else the whole seconds until one is there. */
    long acquire(String keyId) {
        if (perMinute <= 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(keyId, k -> new Bucket(now)).take(now);
    }

    /** In whole numbers: a token is {@code MINUTE_NANOS} units, and {@code perMinute} units come in each nanosecond. */
    private final class Bucket {
        private long units; // tokens × MINUTE_NANOS
        private long last;

        Bucket(long now) {
            this.units = capacity();
            this.last = now;
        }

        private long capacity() {
            return perMinute * MINUTE_NANOS;
        }

        synchronized long take(long now) {
            refill(now);
            if (units >= MINUTE_NANOS) {
                units -= MINUTE_NANOS;
                return 0;
            }
            long waitNanos = (MINUTE_NANOS - units + perMinute - 1) / perMinute;
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }

        synchronized boolean full(long now) {
            refill(now);
            return units == capacity();
        }

        private void refill(long now) {
            long elapsed = Math.max(0, now - last);
            last = now;
            // elapsed × perMinute may overflow after long idle periods: a minute refills the whole bucket anyway
            units = elapsed >= MINUTE_NANOS ? capacity() : Math.min(capacity(), units + elapsed * perMinute);
        }
    }
}
