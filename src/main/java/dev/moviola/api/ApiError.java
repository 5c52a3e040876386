package dev.moviola.api;

import dev.moviola.movie.Problem;
import java.util.List;

/** A request the API refuses: the HTTP status, the error code of SPEC §6.1, a message, and the JSON paths at fault. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final transient List<Problem> details;

    ApiError(int status, String code, String message, List<Problem> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "NOT_FOUND", what + " was not found");
    }
}
