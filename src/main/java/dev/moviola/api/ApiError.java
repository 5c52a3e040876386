package dev.moviola.api;

import dev.moviola.movie.Problem;
import java.util.List;

/** A request the API refuses: the HTTP status, the error code docs/service.md#errors lists, a message, and the JSON paths at fault. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final transient List<Problem> details;
    /** Seconds a client should wait before trying again (the {@code Retry-After} header), when it matters. */
    final long retryAfter;

    ApiError(int status, String code, String message, List<Problem> details) {
        this(status, code, message, details, status == 429 || status == 503 ? 5 : 0);
    }

    private ApiError(int status, String code, String message, List<Problem> details, long retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
        this.retryAfter = retryAfter;
    }

    ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    /** 429: the key sent more requests than its rate limit allows; one will be allowed in {@code seconds}. */
    static ApiError rateLimited(int perMinute, long seconds) {
        return new ApiError(429, "RATE_LIMITED", "this API key may send " + perMinute + " requests a minute and has"
                + " used them up; retry in " + seconds + " s (the Retry-After header)", List.of(), seconds);
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "NOT_FOUND", what + " was not found");
    }
}
