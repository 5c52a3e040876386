package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.config.ServiceSettings;
import dev.moviola.net.Access;
import dev.moviola.net.Resolver;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real server on loopback, with a temporary data directory, and the HTTP calls tests make to it. */
abstract class ServerTest {
    static final String KEY = "test-key-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    EmbeddedServer server;

    @BeforeEach
    void start() throws Exception {
        start(settings());
    }

    /** Settings of the server a test class starts, besides the test defaults. */
    Map<String, String> settings() {
        return Map.of();
    }

    /** What the server may read: here the test's own servers on loopback (they stand for the internet). */
    Access access() {
        return new Access(true, List.of("127.0.0.1"), List.of(), Resolver.SYSTEM);
    }

    void start(Map<String, String> more) throws Exception {
        // No rate limit: tests poll faster than clients would (ApiAuthTest sets one).
        Map<String, String> flags = new java.util.HashMap<>(Map.of("port", "0", "host", "127.0.0.1",
                "data-dir", dir.resolve("data").toString(), "api-key", KEY, "jobs", "3", "rate-limit", "0"));
        flags.putAll(more);
        server = EmbeddedServer.start(Renders.settings(dir).withAccess(access()), ServiceSettings.load(flags, Map.of()),
                TestFfmpeg.ffmpeg());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String twoColours(String first, String second) {
        return """
                {"resolution": "custom", "width": 160, "height": 90, "client-data": {"order": 7}, "scenes": [
                  {"duration": 1, "background-color": "%s", "elements": []},
                  {"duration": 1, "background-color": "%s", "elements": []}]}""".formatted(first, second);
    }

    HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("x-api-key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, body, KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    JsonNode awaitJob(String jobId) throws Exception {
        return awaitJob(jobId, Duration.ofMinutes(2));
    }

    JsonNode awaitJob(String jobId, Duration within) throws Exception {
        long until = System.currentTimeMillis() + within.toMillis();
        while (System.currentTimeMillis() < until) {
            JsonNode job = ok("GET", "/v1/jobs/" + jobId, null, 200);
            if (Set.of("done", "failed", "cancelled").contains(job.path("status").asText())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    Path download(String url, Path target) throws Exception {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(target));
        assertThat(r.statusCode()).isEqualTo(200);
        return target;
    }

    static long ffmpegChildren() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("ffmpeg")).count();
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
