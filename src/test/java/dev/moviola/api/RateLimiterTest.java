package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves. */
class RateLimiterTest {
    static final long SECOND = 1_000_000_000L;
    final AtomicLong now = new AtomicLong(123 * SECOND);

    @Test
    void aBurstOfTheMinutesFigureThenOneEachSixtiethOfAMinute() {
        RateLimiter limiter = new RateLimiter(5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("key_a")).isZero();
        }
        assertThat(limiter.acquire("key_a")).isEqualTo(12);
        assertThat(limiter.acquire("key_b")).as("another key has its own bucket").isZero();
        now.addAndGet(11 * SECOND);
        assertThat(limiter.acquire("key_a")).as("a refused request takes nothing; 1 s to go").isEqualTo(1);
        now.addAndGet(SECOND);
        assertThat(limiter.acquire("key_a")).isZero();
        assertThat(limiter.acquire("key_a")).isEqualTo(12);
        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("key_a")).as("an idle hour refills the burst, no more").isZero();
        }
        assertThat(limiter.acquire("key_a")).isPositive();
    }

    @Test
    void waitsAreWholeSecondsRoundedUpAndZeroTurnsTheLimitOff() {
        RateLimiter fast = new RateLimiter(600, now::get);
        for (int i = 0; i < 600; i++) {
            assertThat(fast.acquire("k")).isZero();
        }
        assertThat(fast.acquire("k")).as("0.1 s rounds up to 1").isEqualTo(1);
        RateLimiter off = new RateLimiter(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.acquire("k")).isZero();
        }
    }
}
