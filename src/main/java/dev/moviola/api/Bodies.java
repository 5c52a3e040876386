package dev.moviola.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.DuplicateKeys;
import dev.moviola.movie.JsonErrors;
import dev.moviola.movie.Problem;
import java.util.List;
import io.javalin.http.Context;

/** Reading request bodies and parameters, with the limits and messages docs/service.md#errors lists. */
final class Bodies {
    private Bodies() {
    }

    /**
     * The body as JSON: 413 when larger than {@code max} bytes, 400 when it is not JSON. A key given twice in one
     * object takes its last value, as JavaScript reads it, and is added to {@code repeated} (paths in the body).
     */
    static JsonNode json(Context ctx, long max, List<Problem> repeated) {
        byte[] body = bytes(ctx, max);
        JsonNode n = parse(body);
        repeated.addAll(DuplicateKeys.in(body));
        return n;
    }

    /**
     * Warnings about a job request's text ({@code {"movie": …}}) with the paths inside its movie as the movie's own,
     * as every other warning about the movie is.
     */
    static List<Problem> inMovie(List<Problem> requestWarnings) {
        return requestWarnings.stream().map(p -> p.path().startsWith("movie.") || p.path().startsWith("movie[")
                ? Problem.warning(p.path().substring(p.path().startsWith("movie.") ? 6 : 5), p.message()) : p).toList();
    }

    private static byte[] bytes(Context ctx, long max) {
        long declared = ctx.contentLength();
        if (declared > max) {
            throw tooLarge(max);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > max) {
            throw tooLarge(max);
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = ApiServer.JSON.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new ApiError(400, "INVALID_MOVIE", "the request body is empty; send the movie as JSON");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "INVALID_MOVIE", JsonErrors.describe("the request body", e));
        } catch (java.io.IOException e) {
            throw new ApiError(400, "INVALID_MOVIE", "the request body could not be read: " + e.getMessage());
        }
    }

    private static ApiError tooLarge(long max) {
        return new ApiError(413, "PAYLOAD_TOO_LARGE", "the request body is larger than " + max
                + " bytes; move big data (subtitles, long texts) to URLs the movie refers to");
    }

    /** A page cursor ({@code nextCursor}, {@code next_token}): the position after which the next page starts, or null. */
    static Long cursor(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "INVALID_REQUEST", name + ": expected the " + name + " of an earlier page, got \"" + v + "\"");
        }
    }

    static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "INVALID_REQUEST", name + ": expected a whole number from " + min + " to " + max + ", got \"" + v + "\"");
        }
    }
}
