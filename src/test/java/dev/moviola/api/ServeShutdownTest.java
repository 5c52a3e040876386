package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.io.BufferedReader;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moviola serve} as an operator starts and stops it: by default it listens on loopback only and says so;
 * SIGTERM is logged, and an open event stream ends with a {@code shutdown} event rather than a cut connection.
 */
@Slow
class ServeShutdownTest {
    static final String KEY = "shutdown-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void listensOnLoopbackByDefaultAndSigtermEndsEventStreamsWithAShutdownEvent() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.moviola.cli.Main", "serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--api-key", KEY, "--ffmpeg", TestFfmpeg.installation().ffmpeg().toString())
                .redirectError(dir.resolve("server.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MOVIOLA_"));
        pb.environment().put("MOVIOLA_SHUTDOWN_GRACE", "1");
        server = pb.start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String listening = stdout.readLine();
        assertThat(listening).as("first line of serve").startsWith("Moviola is listening on http://127.0.0.1:");
        assertThat(stdout.readLine()).startsWith("Listening on 127.0.0.1 only: other machines cannot connect");
        String url = listening.substring("Moviola is listening on ".length()).split(" ")[0];

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder scenes = new StringBuilder();
        for (int s = 0; s < 6; s++) {
            scenes.append(s == 0 ? "" : ", ").append("{\"duration\": 5, \"elements\": [{\"type\": \"text\", \"text\": \"scene ")
                    .append(s).append("\"}]}");
        }
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/render/jobs"))
                .header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"movie\": {\"resolution\": \"custom\", "
                        + "\"width\": 640, \"height\": 360, \"scenes\": [" + scenes + "]}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).path("jobId").asText();

        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(
                URI.create(url + "/v1/jobs/" + id + "/events")).header("x-api-key", KEY).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> lines = new ArrayList<>();
        var it = stream.body().iterator();
        while (it.hasNext()) {
            String line = it.next();
            lines.add(line);
            if (line.startsWith("data:") && lines.size() == 2) {
                server.destroy(); // SIGTERM, as docker stop or systemd sends
            }
        }
        String events = String.join("\n", lines);
        assertThat(events).startsWith("event: progress");
        int last = lines.lastIndexOf("event: shutdown");
        assertThat(last).as(events).isGreaterThan(0);
        JsonNode bye = JSON.readTree(lines.get(last + 1).substring("data: ".length()));
        assertThat(bye.path("code").asText()).isEqualTo("SERVER_STOPPING");
        assertThat(bye.path("message").asText()).contains("reconnect");
        assertThat(bye.at("/job/jobId").asText()).isEqualTo(id);

        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("server.log"));
        assertThat(log).contains("Shutting down: no new requests; running jobs have up to 1 s to finish")
                .contains("Stopped");
        assertThat(log.indexOf("Shutting down")).isLessThan(log.lastIndexOf("Stopped"));
    }
}
