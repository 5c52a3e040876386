package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.job.Job;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.PrometheusText;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} as Prometheus scrapes it: the text parses strictly, and the counters move as jobs run — a job
 * done, its scenes timed, the movie cache missed then hit, bytes downloaded, the ffmpeg processes back to none, a
 * failing speech provider counted — while no label names a job, a URL or a key.
 */
@Slow
class MetricsApiTest extends ServerTest {
    private static final String SECRET = "sk-metrics-test-0123456789abcdef";
    private LocalHttp assets;
    private HttpServer failingProvider;
    private final AtomicInteger providerRequests = new AtomicInteger();
    private final List<String> scraped = new ArrayList<>();
    private final List<String> jobIds = new ArrayList<>();

    /** Sources from a local web server; voices from a local "OpenAI" that answers 500 to everything. */
    @Override
    @BeforeEach
    void start() throws Exception {
        assets = new LocalHttp();
        failingProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        failingProvider.createContext("/", exchange -> {
            providerRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\": {\"message\": \"the server had an error\"}}".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failingProvider.start();
        Map<String, String> s = new HashMap<>();
        s.put("work-dir", dir.resolve("work").toString());
        s.put("cache-dir", dir.resolve("cache").toString());
        s.put("openai-url", "http://127.0.0.1:" + failingProvider.getAddress().getPort());
        s.put("openai-api-key", SECRET);
        s.put("provider-retries", "0");
        server = EmbeddedServer.start(Settings.load(s, Map.of()).withAccess(access()), ServiceSettings.load(Map.of(
                "port", "0", "host", "127.0.0.1", "data-dir", dir.resolve("data").toString(), "api-key", KEY, "jobs", "3",
                "rate-limit", "0"), Map.of()), TestFfmpeg.ffmpeg());
    }

    @AfterEach
    void stopServers() {
        assets.close();
        failingProvider.stop(0);
    }

    @Test
    void countersMoveAsJobsRunAndNoLabelNamesAJobAUrlOrAKey() throws Exception {
        Path picture = TestMedia.solid(Files.createDirectories(dir.resolve("media")), "red.png", "red", 64, 36);
        String url = assets.serve("red.png", picture);
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "fps": 10, "scenes": [
                  {"duration": 1, "elements": [{"type": "image", "src": "%s"}]},
                  {"duration": 1, "background-color": "#0000ff", "elements": []}]}""".formatted(url);

        PrometheusText before = scrape();
        JsonNode first = job(movie);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("done");
        PrometheusText afterFirst = scrape();

        assertThat(delta(before, afterFirst, "moviola_jobs_finished_total", "status", "done")).isEqualTo(1);
        assertThat(delta(before, afterFirst, "moviola_jobs_submitted_total")).isEqualTo(1);
        assertThat(afterFirst.value("moviola_jobs", "status", "done")).as("the job store's gauge").isEqualTo(1);
        assertThat(afterFirst.value("moviola_jobs", "status", "queued")).isZero();
        assertThat(afterFirst.families().get("moviola_jobs").type()).isEqualTo("gauge");
        assertThat(afterFirst.has("moviola_tasks_waiting", "queue", "scenes")).isTrue();
        assertThat(delta(before, afterFirst, "moviola_scene_duration_seconds_count", "cache", "miss"))
                .as("both scenes rendered and timed").isGreaterThanOrEqualTo(2);
        assertThat(afterFirst.families().get("moviola_scene_duration_seconds").type()).isEqualTo("histogram");
        assertThat(delta(before, afterFirst, "moviola_phase_duration_seconds_count", "phase", "planning")).isEqualTo(1);
        assertThat(delta(before, afterFirst, "moviola_phase_duration_seconds_count", "phase", "assembling")).isEqualTo(1);
        assertThat(delta(before, afterFirst, "moviola_cache_lookups_total", "layer", "movie", "result", "miss"))
                .isEqualTo(1);
        assertThat(delta(before, afterFirst, "moviola_cache_lookups_total", "layer", "movie", "result", "hit")).isZero();
        assertThat(delta(before, afterFirst, "moviola_fetched_bytes_total"))
                .as("the picture came over the network").isGreaterThanOrEqualTo(Files.size(picture));
        assertThat(afterFirst.value("moviola_ffmpeg_processes")).as("no ffmpeg left running").isZero();
        assertThat(delta(before, afterFirst, "moviola_ffmpeg_runs_total", "outcome", "ok")).isPositive();

        JsonNode again = job(movie);
        assertThat(again.path("status").asText()).as(again.toString()).isEqualTo("done");
        PrometheusText afterSecond = scrape();
        assertThat(delta(afterFirst, afterSecond, "moviola_cache_lookups_total", "layer", "movie", "result", "hit"))
                .as("the same movie again comes from the movie cache").isEqualTo(1);
        assertThat(delta(afterFirst, afterSecond, "moviola_cache_lookups_total", "layer", "movie", "result", "miss"))
                .isZero();
        assertThat(delta(afterFirst, afterSecond, "moviola_jobs_finished_total", "status", "done")).isEqualTo(1);

        JsonNode spoken = job("""
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"elements": [
                  {"type": "voice", "text": "Hello", "model": "openai", "voice": "alloy"}]}]}""");
        assertThat(spoken.path("status").asText()).as(spoken.toString()).isEqualTo("failed");
        assertThat(providerRequests.get()).as("the provider was asked").isPositive();
        PrometheusText afterFailure = scrape();
        assertThat(delta(afterSecond, afterFailure, "moviola_provider_failures_total", "service", "speech",
                "provider", "openai")).isGreaterThanOrEqualTo(1);
        assertThat(delta(afterSecond, afterFailure, "moviola_provider_calls_total", "service", "speech",
                "provider", "openai")).isEqualTo(delta(afterSecond, afterFailure, "moviola_provider_failures_total",
                        "service", "speech", "provider", "openai"));
        assertThat(delta(afterSecond, afterFailure, "moviola_jobs_finished_total", "status", "failed")).isEqualTo(1);
        assertThat(afterFailure.value("moviola_ffmpeg_processes")).isZero();

        assertThat(jobIds).hasSize(3).allSatisfy(id -> assertThat(id).isNotBlank());
        for (PrometheusText t : List.of(before, afterFirst, afterSecond, afterFailure)) {
            for (PrometheusText.Sample s : t.samples()) {
                for (String value : s.labels().values()) {
                    assertThat(value).as(s.toString()).doesNotContain("://").doesNotContain("127.0.0.1")
                            .doesNotContain(SECRET).doesNotContain(KEY);
                    jobIds.forEach(id -> assertThat(value).as(s.toString()).doesNotContain(id));
                }
            }
        }
        for (String text : scraped) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(KEY).doesNotContain(url);
        }
        assertThat(afterFailure.families()).as("the JVM basics").containsKeys("jvm_memory_used_bytes",
                "jvm_threads_live_threads", "process_uptime_seconds");
    }

    @Test
    void metricsNeedNoKeyAndSayTheirFormat() throws Exception {
        HttpResponse<String> r = call("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        PrometheusText t = PrometheusText.parse(r.body());
        assertThat(t.families().keySet().stream().filter(n -> n.startsWith("moviola_")))
                .contains("moviola_jobs", "moviola_jobs_finished_total", "moviola_cache_lookups_total",
                        "moviola_phase_duration_seconds", "moviola_scene_duration_seconds", "moviola_ffmpeg_processes",
                        "moviola_fetched_bytes_total", "moviola_provider_calls_total", "moviola_provider_failures_total",
                        "moviola_tasks_waiting");
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> r = call("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        scraped.add(r.body());
        return PrometheusText.parse(r.body());
    }

    private JsonNode job(String movie) throws Exception {
        String id = Job.idOf(ok("POST", "/v2/movies", movie, 200).path("project").asText());
        jobIds.add(id);
        return awaitJob(id);
    }

    private static double delta(PrometheusText from, PrometheusText to, String name, String... labels) {
        return to.value(name, labels) - from.value(name, labels);
    }
}
