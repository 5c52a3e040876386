package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Receiver;
import dev.moviola.testing.TestFfmpeg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.moviola.testing.Slow;

/**
 * {@code moviola serve} as its own process, killed with SIGKILL while it renders and started again on the same
 * data directory: every job ends {@code done} exactly once, with one output, scenes rendered before the kill come
 * from the cache, and each callback event reaches the receiver once, signed.
 */
class ServeProcessTest {
    static final String KEY = "process-key";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    final Receiver receiver = new Receiver();
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        receiver.close();
    }

    /** A server process; returns its base URL once it listens. */
    String serve(Process[] started, int n) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-cp", System.getProperty("java.class.path"), "dev.moviola.cli.Main",
                "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dir.resolve("data").toString(),
                "--api-key", KEY, "--jobs", "2", "--rate-limit", "0", "--ffmpeg", TestFfmpeg.installation().ffmpeg().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("server-" + n + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MOVIOLA_"));
        env.put("MOVIOLA_DELIVERY_RETRY", "0.5");
        env.put("MOVIOLA_FETCH_ALLOW", "127.0.0.1"); // the test's callback receiver is on loopback
        Process p = pb.start();
        processes.add(p);
        started[0] = p;
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("Moviola is listening on ")) {
                        url.complete(line.substring("Moviola is listening on ".length()).split(" ")[0]);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.completeExceptionally(new AssertionError("the server stopped before listening; see server-" + n + ".log"));
        });
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }

    JsonNode call(String url, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("x-api-key", KEY)
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    static String movie(int job) {
        StringBuilder scenes = new StringBuilder();
        for (int s = 0; s < 4; s++) {
            scenes.append(s == 0 ? "" : ", ").append("{\"duration\": 3, \"background-color\": \"#%02x%02x40\", \"elements\": ["
                    .formatted(40 * job + 20, 50 * s + 20)).append("{\"type\": \"text\", \"text\": \"job ").append(job)
                    .append(" scene ").append(s).append("\"}]}");
        }
        return "{\"resolution\": \"custom\", \"width\": 640, \"height\": 360, \"scenes\": [" + scenes + "]}";
    }

    @Test
    @Slow
    void killedMidRenderAndRestartedEveryJobIsDoneOnceWithItsCallbacks() throws Exception {
        Process[] first = new Process[1];
        String url = serve(first, 1);
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            ids.add(call(url, "POST", "/v1/render/jobs", "{\"movie\": " + movie(j) + ", \"callbackUrl\": \""
                    + receiver.url("/cb") + "\"}").path("jobId").asText());
        }
        // Kill it once a job has rendered a scene of its own and is still rendering.
        String interrupted = null;
        long until = System.currentTimeMillis() + 120_000;
        while (interrupted == null) {
            assertThat(System.currentTimeMillis()).as("a job got under way").isLessThan(until);
            for (String id : ids) {
                JsonNode job = call(url, "GET", "/v1/jobs/" + id, null);
                if (job.path("phase").asText().equals("rendering") && job.path("children").path("succeeded").asInt() >= 1
                        && job.path("children").path("succeeded").asInt() < 4) {
                    interrupted = id;
                    break;
                }
            }
            Thread.sleep(50);
        }
        first[0].destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first[0].waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first[0].exitValue()).isEqualTo(137);
        // A delivery posted just before the kill, whose attempt was not recorded yet, is posted again after the restart:
        // at-least-once across a crash (receivers tell repeats by x-moviola-delivery). Only those may come twice.
        Thread.sleep(1000); // what the killed process had sent reaches the receiver
        List<String> beforeKill = new ArrayList<>();
        receiver.posts("/cb").forEach(p -> beforeKill.add(p.header("x-moviola-delivery")));

        Process[] second = new Process[1];
        url = serve(second, 2);
        Map<String, JsonNode> finished = new HashMap<>();
        until = System.currentTimeMillis() + 240_000;
        while (finished.size() < ids.size()) {
            assertThat(System.currentTimeMillis()).as("all jobs finished after the restart").isLessThan(until);
            for (String id : ids) {
                JsonNode job = call(url, "GET", "/v1/jobs/" + id, null);
                if (!List.of("queued", "running", "waiting").contains(job.path("status").asText())) {
                    finished.put(id, job);
                }
            }
            Thread.sleep(200);
        }
        for (String id : ids) {
            JsonNode job = finished.get(id);
            assertThat(job.path("status").asText()).as(id + ": " + job).isEqualTo("done");
            try (Stream<Path> files = Files.list(dir.resolve("data/blobs/outputs/" + id))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("output.mp4", "thumbnail.jpg");
            }
            Path out = dir.resolve(id + ".mp4");
            HTTP.send(HttpRequest.newBuilder(URI.create(job.path("outputUrl").asText())).build(), HttpResponse.BodyHandlers.ofFile(out));
            MediaInfo info = Decoded.probe(out);
            assertThat(info.duration()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.1));
        }
        JsonNode resumed = finished.get(interrupted);
        assertThat(resumed.path("cache").path("scenesHit").asInt()).as("scenes rendered before the kill came from the cache")
                .isGreaterThanOrEqualTo(1);

        // Callbacks: each job's "done" exactly once, no delivery twice, every signature valid.
        awaitCallbacks(url, ids);
        byte[] secret = Files.readString(dir.resolve("data/webhook-secret")).trim().getBytes(StandardCharsets.US_ASCII);
        Map<String, Integer> doneEvents = new HashMap<>();
        List<String> deliveryIds = new ArrayList<>();
        for (Receiver.Post p : receiver.posts("/cb")) {
            assertThat(verify(secret, p)).as("signature of " + p.body()).isTrue();
            deliveryIds.add(p.header("x-moviola-delivery"));
            JsonNode body = JSON.readTree(p.body());
            if (body.path("event").asText().equals("done")) {
                doneEvents.merge(body.path("jobId").asText(), 1, Integer::sum);
            }
        }
        assertThat(doneEvents).as("one done per job").containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        List<String> afterRestart = new ArrayList<>(deliveryIds.subList(beforeKill.size(), deliveryIds.size()));
        afterRestart.removeIf(beforeKill::contains);
        assertThat(afterRestart).as("deliveries first sent after the restart").doesNotHaveDuplicates();
        assertThat(beforeKill).doesNotHaveDuplicates();

        // SIGTERM: the server stops cleanly (its grace period lets running work finish).
        second[0].destroy();
        assertThat(second[0].waitFor(40, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("server-2.log"));
        assertThat(log).contains("resuming").doesNotContain("Exception");
    }

    /** Waits until each job lists its done callback as delivered. */
    void awaitCallbacks(String url, List<String> ids) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        for (String id : ids) {
            while (true) {
                JsonNode d = call(url, "GET", "/v1/jobs/" + id, null).path("deliveries");
                boolean delivered = false;
                for (JsonNode x : d) {
                    delivered |= x.path("event").asText().equals("done") && x.path("status").asText().equals("delivered");
                }
                if (delivered) {
                    break;
                }
                assertThat(System.currentTimeMillis()).as(id + " deliveries " + d).isLessThan(until);
                Thread.sleep(100);
            }
        }
    }

    static boolean verify(byte[] secret, Receiver.Post p) throws Exception {
        String header = p.header("x-moviola-signature");
        String t = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return header.endsWith(",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + p.body()).getBytes(StandardCharsets.UTF_8))));
    }
}
