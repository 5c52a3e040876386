package dev.moviola.job;

import java.time.Instant;

/**
 * One try at sending a delivery.
 *
 * @param statusCode the receiver's HTTP status, or null when there was no answer
 * @param error      why it did not count as delivered (null when it did)
 */
public record Attempt(int number, Instant at, Integer statusCode, String error, long millis) {

    public boolean delivered() {
        return error == null;
    }
}
