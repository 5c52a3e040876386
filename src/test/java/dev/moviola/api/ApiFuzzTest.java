package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.FuzzSeeds;
import dev.moviola.testing.Hostile;
import dev.moviola.testing.MovieMutator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import dev.moviola.testing.Slow;

/**
 * Five hundred hostile requests to a real server: mutated movies (see {@link MovieMutator}) to {@code /v1} and
 * {@code /v2}, and bodies that are not JSON, not objects, too deep, too large, of other content types, or sent
 * without a key. The server never answers 5xx; every refusal is JSON with a code (and JSON paths where the movie
 * is invalid) in the shape of its API; accepted jobs are cancelled at once and all end; the server stays healthy.
 * The fuzzed movies' sources are on loopback port 9 or local names, so nothing leaves the machine.
 *
 * <p>Reproducible: {@code -Dmoviola.fuzz.seed=N} changes the run.
 */
@Slow
class ApiFuzzTest extends ServerTest {
    static final long SEED = Long.getLong("moviola.fuzz.seed", 0x5EED_2025L);
    static final int REQUESTS = 500;

    /** One request: where, what, and what was sent in it (for the report). */
    record Sent(String method, String path, byte[] body, String contentType, String key, boolean movieObject) {
        /** A body larger than the server takes: only its start is sent, after headers that declare all of it. */
        static final long OVERSIZED = 6L << 20;

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " (" + contentType + ", " + (body == null ? 0 : body.length) + " bytes): "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    @Override
    Map<String, String> settings() {
        return Map.of("jobs", "1");
    }

    @Test
    void hostileRequestsAreRefusedWithJsonErrorsAndNeverBreakTheServer() throws Exception {
        List<JsonNode> seeds = new ArrayList<>(FuzzSeeds.all().values());
        Random random = new Random(SEED);
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        int[] statuses = new int[6];
        for (int i = 0; i < REQUESTS; i++) {
            long generator = random.nextLong();
            Sent sent = request(new Random(generator), seeds);
            HttpResponse<String> r = send(sent);
            statuses[r.statusCode() / 100]++;
            String wrong = check(sent, r);
            if (wrong == null && r.statusCode() < 300 && sent.method().equals("POST")) {
                wrong = cancel(sent, r, accepted);
            }
            if (wrong != null) {
                failures.putIfAbsent(wrong.replaceAll("\\d+", "N"), wrong + " (generator seed " + generator + ")\n  "
                        + sent.describe());
            }
        }
        System.out.printf("%d requests (seed %d): %d 2xx, %d 4xx, %d 5xx; %d jobs accepted and stopped%n", REQUESTS,
                SEED, statuses[2], statuses[4], statuses[5], accepted.size());
        assertThat(failures.values()).as("run seed %d", SEED).isEmpty();
        assertThat(statuses[4]).isGreaterThan(REQUESTS / 2);
        assertThat(accepted).as("some fuzzed movies were valid").isNotEmpty();
        for (String jobId : accepted) {
            awaitJob(jobId, Duration.ofSeconds(30));
        }
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("red", "blue") + "}", 202)
                .path("status").asText()).as("still accepting work").isEqualTo("queued");
    }

    /** What a client might send: mostly mutated movies, sometimes a broken request around a good one. */
    static Sent request(Random r, List<JsonNode> seeds) {
        String movie = new MovieMutator(r).mutate(seeds.get(r.nextInt(seeds.size())));
        int kind = r.nextInt(20);
        if (kind < 11) {
            String options = r.nextInt(5) > 0 ? "" : ", \"renderOptions\": " + Hostile.pick(r, List.of("{\"qualityPreset\": \"turbo\"}",
                    "{\"qualityPreset\": 5}", "{\"requestedConcurrency\": 1e308}", "[]", "\"fast\"", "null",
                    "{\"requestedConcurrency\": -1}", "{\"requestedConcurrency\": 2.5}"));
            String callback = r.nextInt(8) > 0 ? "" : ", \"callbackUrl\": " + Hostile.pick(r, List.of("5", "\"ftp://x\"",
                    "\"not a url\"", "null", "\"" + Hostile.LONG + "\""));
            return json("POST", "/v1/render/jobs", "{\"movie\": " + movie + options + callback + "}", true);
        }
        if (kind < 16) {
            return json("POST", "/v2/movies", movie, true);
        }
        return malformed(r, movie);
    }

    static Sent malformed(Random r, String movie) {
        String path = r.nextBoolean() ? "/v1/render/jobs" : "/v2/movies";
        byte[] garbage = new byte[1 + r.nextInt(200)];
        r.nextBytes(garbage);
        return switch (r.nextInt(12)) {
            case 0 -> new Sent("POST", path, new byte[0], "application/json", KEY, false);
            case 1 -> json("POST", path, Hostile.pick(r, List.of("null", "[]", "\"movie\"", "5", "true", "{}",
                    "{\"movie\": 5}", "{\"movie\": null}", "{\"movie\": []}", "{\"movie\": \"{}\"}")), false);
            case 2 -> json("POST", path, movie.substring(0, r.nextInt(movie.length() + 1)), false);
            case 3 -> new Sent("POST", path, garbage, "application/octet-stream", KEY, false);
            case 4 -> json("POST", path, "[".repeat(5000) + "]".repeat(5000), false);
            case 5 -> new Sent("POST", path, ("movie=" + movie).getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded", KEY, false);
            case 6 -> new Sent("POST", path, movie.getBytes(StandardCharsets.UTF_8), "text/plain; charset=latin1", KEY,
                    false);
            case 7 -> new Sent("POST", path, movie.getBytes(StandardCharsets.UTF_8), "application/json",
                    r.nextBoolean() ? null : "wrong-key", false);
            case 8 -> new Sent("POST", path, ("{\"movie\": {\"scenes\": [{\"comment\": \"" + "x".repeat(60_000))
                    .getBytes(StandardCharsets.UTF_8), "application/json; oversized", KEY, false);
            case 9 -> new Sent("GET", Hostile.pick(r, List.of("/v1/jobs?limit=abc", "/v1/jobs?cursor=%00",
                    "/v1/jobs/job_..%2F..%2Fetc", "/v1/files/outputs/../../etc/passwd", "/v2/movies?project=%FF%FE",
                    "/v1/jobs?limit=1e308", "/v2/movies?next_token=-1", "/v1/jobs/" + "x".repeat(5000))), null,
                    "application/json", KEY, false);
            case 10 -> new Sent(Hostile.pick(r, List.of("PUT", "PATCH", "DELETE", "GET")), path,
                    movie.getBytes(StandardCharsets.UTF_8), "application/json", KEY, false);
            default -> json("POST", path, "{\"movie\": " + movie + ", \"movie\": " + movie + "}", false);
        };
    }

    /** @param movie whether the body is meant to carry a movie (the test then checks it is JSON with one) */
    static Sent json(String method, String path, String body, boolean movie) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (Exception e) {
            parsed = null;
        }
        boolean movieObject = movie && parsed != null
                && (path.startsWith("/v2/") ? parsed : parsed.path("movie")).isObject();
        return new Sent(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json", KEY, movieObject);
    }

    HttpResponse<String> send(Sent s) throws Exception {
        if (s.contentType().endsWith("oversized")) {
            return Oversized.post(server.url(), s.path(), s.key(), s.body(), Sent.OVERSIZED);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + s.path())).timeout(Duration.ofSeconds(30))
                .header("content-type", s.contentType())
                .method(s.method(), s.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(s.body()));
        if (s.key() != null) {
            b.header("x-api-key", s.key());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with an answer, or null. */
    static String check(Sent sent, HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "answered " + status + ": " + r.body();
        }
        if (status < 400) {
            return status == 200 || status == 202 ? null : "answered " + status;
        }
        if (!r.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            return "a " + status + " that is not JSON: " + r.body();
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (Exception e) {
            return "a " + status + " whose JSON cannot be read: " + r.body();
        }
        if (sent.path().startsWith("/v2/")) {
            return !body.path("success").isBoolean() || body.path("success").asBoolean()
                    || body.path("message").asText().isBlank() ? "a " + status + " not in JSON2Video's shape: " + body : null;
        }
        if (body.path("code").asText().isBlank() || body.path("error").asText().isBlank() || !body.path("details").isArray()) {
            return "a " + status + " without code, error and details: " + body;
        }
        if (status == 400 && sent.movieObject() && body.path("code").asText().equals("INVALID_MOVIE")) {
            if (body.path("details").isEmpty()) {
                return "an invalid movie without details: " + body;
            }
            for (JsonNode d : body.path("details")) {
                if (!d.path("path").isTextual() || d.path("message").asText().isBlank()) {
                    return "a detail without path or message: " + d;
                }
            }
        }
        return null;
    }

    /** Stops an accepted job at once: fuzzed movies are not worth rendering. */
    String cancel(Sent sent, HttpResponse<String> r, List<String> accepted) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        String jobId = sent.path().startsWith("/v2/") ? "job_" + body.path("project").asText() : body.path("jobId").asText();
        accepted.add(jobId);
        HttpResponse<String> c = call("POST", "/v1/jobs/" + jobId + "/cancel", null, KEY);
        return c.statusCode() == 200 ? null : "cancelling " + jobId + " answered " + c.statusCode() + ": " + c.body();
    }
}
