package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.job.Job;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import dev.moviola.testing.Slow;

/** The real server over HTTP on loopback: submit, watch, download, through both APIs. */
class ServiceApiTest extends ServerTest {
    @Test
    void aV1JobIsWatchedOverSseAndItsOutputDownloadedWithARange() throws Exception {
        JsonNode accepted = ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#ff0000", "#0000ff")
                + ", \"renderOptions\": {\"qualityPreset\": \"stable\"}}", 202);
        String jobId = accepted.path("jobId").asText();
        assertThat(jobId).matches("job_[A-Za-z0-9]{16}");
        assertThat(accepted.path("status").asText()).isEqualTo("queued");

        // The event stream: progress while it renders, then done (a curl without Accept: text/event-stream works too).
        HttpResponse<java.io.InputStream> sse = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/jobs/" + jobId + "/events"))
                .header("x-api-key", KEY).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        JsonNode last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    events.add(event);
                } else if (line.startsWith("data: ")) {
                    last = JSON.readTree(line.substring(6));
                }
            }
        }
        assertThat(events).isNotEmpty().last().isEqualTo("done");
        assertThat(events.subList(0, events.size() - 1)).isNotEmpty().allMatch("progress"::equals);
        assertThat(last.path("status").asText()).isEqualTo("done");

        JsonNode job = ok("GET", "/v1/jobs/" + jobId, null, 200);
        assertThat(fieldNames(job)).containsExactlyInAnyOrder("jobId", "type", "status", "phase", "progress", "outputUrl",
                "thumbnailUrl", "captionsUrl", "error", "mediaData", "children", "cache", "warnings", "client-data", "createdAt", "updatedAt",
                "deliveries");
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("error").isNull()).isTrue();
        assertThat(job.path("mediaData").path("width").asInt()).isEqualTo(160);
        assertThat(job.path("mediaData").path("height").asInt()).isEqualTo(90);
        assertThat(job.path("mediaData").path("duration").asDouble()).isEqualTo(2.0);
        assertThat(job.path("children").path("total").asInt()).isEqualTo(2);
        assertThat(job.path("children").path("succeeded").asInt()).isEqualTo(2);
        assertThat(job.path("cache").path("scenesRendered").asInt()).isEqualTo(2);
        assertThat(job.path("client-data").path("order").asInt()).isEqualTo(7);

        // The output URL opens without the key (players cannot send headers); a viewer sees red, then blue.
        Path movie = download(job.path("outputUrl").asText(), dir.resolve("out.mp4"));
        MediaInfo info = Decoded.probe(movie);
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.duration()).isBetween(1.9, 2.1);
        assertThat(Pixels.near(Decoded.frame(movie, 10), 80, 45, 255, 0, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(movie, 40), 80, 45, 0, 0, 255)).isTrue();
        assertThat(job.path("mediaData").path("fileSize").asLong()).isEqualTo(Files.size(movie));

        // A range request gets exactly those bytes.
        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(job.path("outputUrl").asText()))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-type")).hasValue("video/mp4");
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 100-199/" + Files.size(movie));
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(Files.readAllBytes(movie), 100, 200));
        HttpResponse<byte[]> beyond = HTTP.send(HttpRequest.newBuilder(URI.create(job.path("outputUrl").asText()))
                .header("Range", "bytes=" + Files.size(movie) + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(beyond.statusCode()).isEqualTo(416);

        // The thumbnail is a JPEG of the first scene.
        HttpResponse<byte[]> thumb = HTTP.send(HttpRequest.newBuilder(URI.create(job.path("thumbnailUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumb.headers().firstValue("content-type")).hasValue("image/jpeg");
        BufferedImage still = ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertThat(still.getWidth()).isEqualTo(160);
        assertThat(Pixels.near(still, 80, 45, 255, 0, 0)).isTrue();

        // A wrong token opens nothing; the plan is stored where docs/architecture.md#jobs-in-the-service says.
        String forged = job.path("outputUrl").asText().replaceAll("token=[0-9a-f]+", "token=" + "0".repeat(32));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
        assertThat(dir.resolve("data/blobs/render-plans/" + jobId + "/plan.json")).isRegularFile();
        assertThat(dir.resolve("data/blobs/outputs/" + jobId + "/output.mp4")).hasSameBinaryContentAs(movie);
    }

    @Test
    void theV2ApiAnswersInJson2VideoShapes() throws Exception {
        JsonNode created = ok("POST", "/v2/movies", twoColours("#00ff00", "#ffffff"), 200);
        assertThat(fieldNames(created)).containsExactlyInAnyOrder("success", "project", "timestamp");
        assertThat(created.path("success").asBoolean()).isTrue();
        String project = created.path("project").asText();
        assertThat(project).hasSize(16);

        JsonNode movie = null;
        long until = System.currentTimeMillis() + 120_000;
        Set<String> seen = new java.util.HashSet<>();
        int lastProgress = 0;
        boolean byId = false;
        while (System.currentTimeMillis() < until) {
            // ?id= is JSON2Video's alias of ?project=: the same movie, not the list
            JsonNode status = ok("GET", "/v2/movies?" + ((byId = !byId) ? "id=" : "project=") + project, null, 200);
            assertThat(fieldNames(status)).containsExactlyInAnyOrder("success", "movie");
            movie = status.path("movie");
            assertThat(fieldNames(movie)).containsExactlyInAnyOrder("success", "status", "message", "project", "progress",
                    "url", "ass", "created_at", "ended_at", "duration", "size", "width", "height", "rendering_time", "client-data");
            int progress = movie.path("progress").asInt(-1);
            assertThat(progress).as("a whole percentage that never goes back").isBetween(lastProgress, 100);
            lastProgress = progress;
            seen.add(movie.path("status").asText());
            if (movie.path("status").asText().equals("done")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(movie.path("progress").asInt()).isEqualTo(100);
        assertThat(seen).isSubsetOf("pending", "running", "done").contains("done");
        assertThat(movie.path("project").asText()).isEqualTo(project);
        assertThat(movie.path("width").asInt()).isEqualTo(160);
        assertThat(movie.path("duration").asDouble()).isEqualTo(2.0);
        assertThat(movie.path("rendering_time").asDouble()).isPositive();
        assertThat(movie.path("client-data").path("order").asInt()).isEqualTo(7);
        Path out = download(movie.path("url").asText(), dir.resolve("v2.mp4"));
        assertThat(movie.path("size").asLong()).isEqualTo(Files.size(out));
        assertThat(Pixels.near(Decoded.frame(out, 10), 80, 45, 0, 255, 0)).isTrue();

        JsonNode list = ok("GET", "/v2/movies?limit=5", null, 200);
        assertThat(list.path("movies").get(0).path("project").asText()).isEqualTo(project);
        assertThat(fieldNames(list)).contains("success", "count", "limit", "has_next", "has_prev", "next_token", "movies");
        assertThat(list.path("count").asInt()).isEqualTo(list.path("movies").size());
        assertThat(list.path("limit").asInt()).isEqualTo(5);
        assertThat(list.path("has_prev").asBoolean()).isFalse();
        assertThat(list.path("has_next").asBoolean()).isEqualTo(!list.path("next_token").isNull());
        HttpResponse<String> unknown = call("GET", "/v2/movies?id=nope", null, KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("message").asText()).isEqualTo("project nope was not found");
        JsonNode deleted = ok("DELETE", "/v2/movies?project=" + project, null, 200);
        assertThat(deleted.path("success").asBoolean()).isTrue();
        HttpResponse<String> gone = call("GET", "/v2/movies?project=" + project, null, KEY);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).path("success").asBoolean()).isFalse();
        assertThat(dir.resolve("data/blobs/outputs/job_" + project)).doesNotExist();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(movie.path("url").asText())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyGivenTwiceIsReadAsJavaScriptReadsItAndTheJobSaysSo() throws Exception {
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [
                  {"duration": 0.4, "background-color": "red", "background-color": "#00ff00", "elements": []}]}""";
        JsonNode v2 = awaitJob(Job.idOf(ok("POST", "/v2/movies", movie, 200).path("project").asText()));
        JsonNode v1 = awaitJob(ok("POST", "/v1/render/jobs", "{\"movie\": " + movie
                + ", \"renderOptions\": {\"qualityPreset\": \"fast\", \"qualityPreset\": \"stable\"}}", 202)
                .path("jobId").asText());
        for (JsonNode job : List.of(v2, v1)) {
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("warnings").findValuesAsText("path")).contains("scenes[0].background-color");
            Path out = download(job.path("outputUrl").asText(), dir.resolve(job.path("jobId").asText() + ".mp4"));
            assertThat(Pixels.near(Decoded.frame(out, 2), 80, 45, 0, 255, 0)).as("the last value").isTrue();
        }
        assertThat(v1.path("warnings").findValuesAsText("path")).contains("renderOptions.qualityPreset");
    }

    @Test
    void badRequestsAreRefusedWithCodesAndPathsAndQueueNothing() throws Exception {
        HttpResponse<String> invalid = call("POST", "/v1/render/jobs",
                "{\"movie\": {\"scenes\": [{\"elements\": [{\"type\": \"image\"}]}]}, \"renderOptions\": {\"requestedConcurrency\": 99}}", KEY);
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(invalid.body());
        assertThat(e.path("code").asText()).isEqualTo("INVALID_MOVIE");
        assertThat(e.path("details").findValuesAsText("path")).contains("scenes[0].elements[0].src",
                "renderOptions.requestedConcurrency");
        assertThat(invalid.body()).doesNotContain("Exception").doesNotContain("dev.moviola");

        assertThat(JSON.readTree(call("POST", "/v1/render/jobs", "{\"movie\": ", KEY).body()).path("code").asText()).isEqualTo("INVALID_MOVIE");
        HttpResponse<String> tooLong = call("POST", "/v1/render/jobs", "{\"movie\": {\"scenes\": [{\"duration\": 1e5}]}}", KEY);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).path("details").findValuesAsText("path")).containsExactly("scenes");
        HttpResponse<String> callback = call("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("red", "blue")
                + ", \"callbackUrl\": \"ftp://example.com/hook\"}", KEY);
        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(callback.body()).path("details").findValuesAsText("path")).containsExactly("callbackUrl");
        // Destinations Moviola does not offer are refused, never silently ignored.
        HttpResponse<String> exports = call("POST", "/v2/movies", twoColours("red", "blue").replaceFirst("\\{",
                "{\"exports\": [{\"destinations\": [{\"type\": \"ftp\", \"host\": \"example.com\"}]}], "), KEY);
        assertThat(exports.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(exports.body()).path("success").asBoolean()).isFalse();
        String message = JSON.readTree(exports.body()).path("message").asText();
        assertThat(message).startsWith("the movie is invalid: exports[0].destinations[0].type: ");
        String problem = message.substring(message.lastIndexOf(": ") + 2);
        assertThat(message.indexOf(problem)).as("the problem is told once: " + message).isEqualTo(message.lastIndexOf(problem));
        HttpResponse<String> big = call("POST", "/v1/render/jobs", "{\"movie\": {\"comment\": \"" + "x".repeat(6 << 20) + "\"}}", KEY);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        HttpResponse<String> anonymous = call("GET", "/v1/jobs", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(call("GET", "/v1/jobs", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(call("POST", "/v2/movies", "{}", "wrong").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(call("GET", "/version", null, null).body()).path("ffmpeg").asText()).isNotBlank();
        assertThat(call("GET", "/v1/jobs/job_nope", null, KEY).statusCode()).isEqualTo(404);

        assertThat(ok("GET", "/v1/jobs", null, 200).path("jobs")).isEmpty();
    }

    @Test
    @Slow
    void fiftyJobsAtOnceAllFinishAndAFailingSceneIsNamed() throws Exception {
        try (LocalHttp http = new LocalHttp()) {
            String png = http.serve("a.png", TestMedia.solid(dir, "a.png", "red", 32, 32));
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<String>> posted = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int grey = 40 + 4 * i; // each movie differs, so none is a movie-cache hit of another
                String colour = String.format("#%02x%02x%02x", grey, grey, grey);
                String movie = """
                        {"resolution": "custom", "width": 96, "height": 54, "scenes": [
                          {"duration": 0.2, "background-color": "%s", "elements": []}]}""".formatted(colour);
                posted.add(clients.submit(() -> ok("POST", "/v1/render/jobs", "{\"movie\": " + movie + "}", 202).path("jobId").asText()));
            }
            String failing = """
                    {"resolution": "custom", "width": 96, "height": 54, "scenes": [
                      {"duration": 0.2, "elements": []},
                      {"id": "cropped", "duration": 0.2, "elements": [{"type": "image", "src": "%s", "crop": {"x": 40, "width": 8, "height": 8}}]}]}"""
                    .formatted(png);
            String failed = ok("POST", "/v1/render/jobs", "{\"movie\": " + failing + "}", 202).path("jobId").asText();
            for (int i = 0; i < 50; i++) {
                String jobId = posted.get(i).get();
                JsonNode job = awaitJob(jobId);
                assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
                Path out = download(job.path("outputUrl").asText(), dir.resolve("out-" + i + ".mp4"));
                int grey = 40 + 4 * i;
                assertThat(Pixels.near(Decoded.frame(out, 2), 48, 27, grey, grey, grey)).as("job %d: %s", i,
                        Pixels.describe(Decoded.frame(out, 2), 48, 27)).isTrue();
            }
            clients.shutdown();

            JsonNode job = awaitJob(failed);
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("SCENE_RENDER_FAILED");
            assertThat(job.path("error").path("sceneIndex").asInt()).isEqualTo(1);
            assertThat(job.path("error").path("sceneId").asText()).isEqualTo("cropped");
            assertThat(job.path("error").path("message").asText()).contains("crop");
            assertThat(job.path("outputUrl").isNull()).isTrue();
            assertThat(job.path("children").path("failed").asInt()).isEqualTo(1);
            assertThat(dir.resolve("data/blobs/outputs/" + failed)).doesNotExist();
        }
    }

    @Test
    void aKeyWithTooManyActiveJobsIsRefused() throws Exception {
        server.close();
        start(Map.of("max-active-jobs-per-key", "1", "jobs", "1"));
        String slow = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"duration": 4, "elements": []}]}""";
        String first = ok("POST", "/v1/render/jobs", "{\"movie\": " + slow + "}", 202).path("jobId").asText();
        HttpResponse<String> second = call("POST", "/v1/render/jobs", "{\"movie\": " + slow + "}", KEY);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("code").asText()).isEqualTo("CONCURRENCY_LIMIT_EXCEEDED");
        assertThat(awaitJob(first).path("status").asText()).isEqualTo("done");
        assertThat(call("POST", "/v1/render/jobs", "{\"movie\": " + slow + "}", KEY).statusCode()).isEqualTo(202);
    }

    @Test
    void cancellingARenderingJobStopsItAndPublishesNothing() throws Exception {
        String slow = """
                {"resolution": "custom", "width": 640, "height": 360, "quality": "high", "scenes": [
                  {"duration": 30, "elements": [{"type": "text", "text": "long"}]}]}""";
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + slow + "}", 202).path("jobId").asText();
        long until = System.currentTimeMillis() + 60_000;
        while (!ok("GET", "/v1/jobs/" + jobId, null, 200).path("phase").asText().equals("rendering")) {
            assertThat(System.currentTimeMillis()).isLessThan(until);
            Thread.sleep(50);
        }
        JsonNode cancelled = ok("POST", "/v1/jobs/" + jobId + "/cancel", null, 200);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("error").path("code").asText()).isEqualTo("CANCELLED");
        // Its ffmpeg is killed (within seconds: the scene workers are interrupted and stop their processes).
        long deadline = System.currentTimeMillis() + 15_000;
        while (ffmpegChildren() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ffmpegChildren()).as("its ffmpeg was killed").isZero();
        JsonNode later = ok("GET", "/v1/jobs/" + jobId, null, 200);
        assertThat(later.path("status").asText()).isEqualTo("cancelled");
        assertThat(later.path("outputUrl").isNull()).isTrue();
        assertThat(dir.resolve("data/blobs/outputs/" + jobId)).doesNotExist();
        // Its intermediates are removed once its last task has stopped.
        Path intermediates = dir.resolve("data/blobs/intermediates/" + jobId);
        while (Files.exists(intermediates) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(intermediates).doesNotExist();
    }
}
