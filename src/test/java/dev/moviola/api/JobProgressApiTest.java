package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.Slow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Progress as a client polling {@code GET /v1/jobs/{id}} sees it: it never goes back (not even across a restart),
 * it moves while scene encoders run (from ffmpeg's own progress reports), {@code children.running} counts the
 * scenes rendering, and after a restart the scenes already in the scene cache count at once.
 */
@Slow
class JobProgressApiTest extends ServerTest {

    @Override
    Map<String, String> settings() {
        return Map.of("shutdown-grace", "0.5");
    }

    static String movie(int scenes, double seconds, int concurrency) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < scenes; i++) {
            s.append(i == 0 ? "" : ", ").append("{\"duration\": ").append(seconds).append(", \"background-color\": \"#")
                    .append(String.format("%02x", 30 * i + 20)).append("4080\", \"elements\": [{\"type\": \"text\", \"text\": \"scene ")
                    // fading in all the while: every frame is encoded (a still scene is one frame and no progress)
                    .append(i).append("\", \"fade-in\": ").append(seconds).append("}]}");
        }
        return "{\"movie\": {\"resolution\": \"custom\", \"width\": 640, \"height\": 360, \"scenes\": [" + s
                + "]}, \"renderOptions\": {\"requestedConcurrency\": " + concurrency + "}}";
    }

    /** Polls the job until {@code stop} says so or it finishes; every state seen, in order. */
    List<JsonNode> poll(String id, java.util.function.Predicate<JsonNode> stop) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        long until = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < until) {
            JsonNode job = ok("GET", "/v1/jobs/" + id, null, 200);
            seen.add(job);
            if (stop.test(job) || job.path("status").asText().matches("done|failed|cancelled")) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not get there: " + seen.get(seen.size() - 1));
    }

    static void assertNeverBack(List<JsonNode> seen, double from) {
        double last = from;
        for (JsonNode j : seen) {
            double p = j.path("progress").asDouble();
            assertThat(p).as("progress never goes back: " + j).isGreaterThanOrEqualTo(last);
            last = p;
        }
    }

    @Test
    void progressMovesWhileEncodersRunAndNeverGoesBackAcrossARestart() throws Exception {
        String id = ok("POST", "/v1/render/jobs", movie(3, 15, 3), 202).path("jobId").asText();
        List<JsonNode> seen = poll(id, j -> false);
        assertThat(seen.get(seen.size() - 1).path("status").asText()).isEqualTo("done");
        assertNeverBack(seen, 0);
        double planned = 0.06; // where rendering starts (docs/service.md#a-job: progress), before any scene reports
        assertThat(seen).as("while scenes render, status is waiting (on its scene tasks) and phase rendering")
                .anyMatch(j -> j.path("phase").asText().equals("rendering") && j.path("status").asText().equals("waiting"));
        assertThat(seen).as("children.running counts the scenes rendering")
                .anyMatch(j -> j.at("/children/running").asInt() > 0);
        assertThat(seen).as("progress moves from ffmpeg's reports before any scene has finished")
                .anyMatch(j -> j.at("/children/succeeded").asInt() == 0 && j.path("progress").asDouble() > planned + 0.01);

        // A job stopped mid-render and started again by the next server: it picks up where it was seen.
        String second = ok("POST", "/v1/render/jobs", movie(6, 3, 2), 202).path("jobId").asText();
        List<JsonNode> before = poll(second, j -> j.at("/children/succeeded").asInt() >= 2);
        JsonNode last = before.get(before.size() - 1);
        assertThat(last.path("status").asText()).as("still rendering when stopped").isNotEqualTo("done");
        double stoppedAt = last.path("progress").asDouble();
        server.close();
        start(settings());
        List<JsonNode> after = poll(second, j -> false);
        assertThat(after.get(after.size() - 1).path("status").asText()).isEqualTo("done");
        assertNeverBack(after, stoppedAt);
        JsonNode firstRendering = after.stream().filter(j -> j.path("phase").asText().equals("rendering")).findFirst()
                .orElseThrow();
        assertThat(firstRendering.at("/children/cached").asInt()).as("the scenes rendered before the stop count as"
                + " cached as soon as the job is planned again: " + firstRendering).isGreaterThanOrEqualTo(2);
    }
}
