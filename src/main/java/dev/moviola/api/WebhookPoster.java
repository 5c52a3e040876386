package dev.moviola.api;

import dev.moviola.job.Attempt;
import dev.moviola.job.Courier;
import dev.moviola.job.Delivery;
import dev.moviola.net.AddressPolicy;
import dev.moviola.net.Refused;
import dev.moviola.net.SafeHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;

/**
 * Posts callbacks and webhooks, signed: {@code x-moviola-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body">} keyed by the webhook secret, so a receiver can check the sender and refuse replays of old
 * messages. A 2xx answer counts as delivered; anything else (an error status, a redirect — they are not followed —,
 * no connection, no answer within 10 s) is a failed attempt, repeated later by the engine.
 */
final class WebhookPoster implements Courier {
    static final String SIGNATURE = "x-moviola-signature";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SafeHttp http;
    private final byte[] secret;
    private final String userAgent;

    /** @param policy where messages may go: in the server, public addresses only (docs/security.md#addresses-the-server-connects-to) */
    WebhookPoster(AddressPolicy policy, byte[] secret, String version) {
        this.http = new SafeHttp(policy, CONNECT_TIMEOUT);
        this.secret = secret.clone();
        this.userAgent = "Moviola/" + version;
    }

    /** The signature header's value for a body sent at {@code unixSeconds}. */
    static String signature(byte[] secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + Hmac.sha256Hex(secret, unixSeconds + "." + body);
    }

    @Override
    public Attempt send(Delivery d, int number) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        String body = d.notice().body();
        try {
            // The answer's body is not read: a receiver cannot keep us busy with it.
            int code = http.post(URI.create(d.notice().url()), Map.of(
                    "user-agent", userAgent,
                    SIGNATURE, signature(secret, at.getEpochSecond(), body),
                    "x-moviola-event", d.notice().event(),
                    "x-moviola-delivery", Long.toString(d.id())),
                    body.getBytes(StandardCharsets.UTF_8), d.notice().contentType(), TIMEOUT);
            String error = code >= 200 && code < 300 ? null : "the receiver answered HTTP " + code;
            return new Attempt(number, at, code, error, millis(start));
        } catch (Refused e) {
            return new Attempt(number, at, null, "refused: " + e.getMessage(), millis(start));
        } catch (SocketTimeoutException e) {
            return new Attempt(number, at, null, "no answer within " + TIMEOUT.toSeconds() + " s", millis(start));
        } catch (IOException | IllegalArgumentException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Attempt(number, at, null, "the server was stopping", millis(start));
            }
            return new Attempt(number, at, null, "could not post: " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()), millis(start));
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
