package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.image.FakeImageProviders;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.job.Job;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI images in jobs: with the providers (local stand-ins) the job's movie shows the generated picture, made once
 * however many jobs want it; with no image provider configured the job fails, its error naming the setting.
 */
class AiImageApiTest extends ServerTest {
    private FakeImageProviders fake;

    /** A server whose renders reach the stand-in providers, or (for the test named so) none. */
    @Override
    @BeforeEach
    void start() throws Exception {
        fake = new FakeImageProviders();
    }

    private void startServer(Map<String, String> providers) throws Exception {
        Map<String, String> s = new HashMap<>(providers);
        s.put("work-dir", dir.resolve("work").toString());
        s.put("cache-dir", dir.resolve("cache").toString());
        server = EmbeddedServer.start(Settings.load(s, Map.of()).withAccess(access()), ServiceSettings.load(Map.of(
                "port", "0", "host", "127.0.0.1", "data-dir", dir.resolve("data").toString(), "api-key", KEY, "jobs", "3",
                "rate-limit", "0"), Map.of()), TestFfmpeg.ffmpeg());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Slow
    @Test
    void jobsShowTheGeneratedPictureMadeOnce() throws Exception {
        startServer(fake.settings());
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "fps": 10,
                 "preload": [{"id": "sky", "type": "image", "prompt": "A blue sky", "model": "flux-pro"}],
                 "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "{{sky_url}}"}]},
                            {"duration": 1, "elements": [{"type": "image", "prompt": "A red wall", "model": "gpt-image-1"}]}]}""";
        JsonNode first = awaitJob(Job.idOf(ok("POST", "/v2/movies", movie, 200).path("project").asText()));
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("done");
        Path out = download(first.path("outputUrl").asText(), dir.resolve("out.mp4"));
        BufferedImage sky = Decoded.frame(out, 5);
        assertThat(Pixels.near(sky, 80, 45, 0, 0, 255)).as(Pixels.describe(sky, 80, 45)).isTrue();
        BufferedImage wall = Decoded.frame(out, 15);
        assertThat(Pixels.near(wall, 80, 45, 255, 0, 0)).as(Pixels.describe(wall, 80, 45)).isTrue();
        JsonNode second = awaitJob(Job.idOf(ok("POST", "/v2/movies", movie.replace("\"fps\": 10", "\"fps\": 5"), 200)
                .path("project").asText()));
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("done");
        assertThat(fake.count("POST", "/v1/models/black-forest-labs/flux-pro/predictions")).isEqualTo(1);
        assertThat(fake.count("POST", "/v1/images/generations")).isEqualTo(1);
        assertThat(fake.requests().stream().filter(r -> r.path().equals("/v1/images/generations")).findFirst()
                .orElseThrow().body().has("response_format")).as("gpt-image models refuse response_format").isFalse();
    }

    @Test
    void aJobWithAnAiImageAndNoProviderFailsNamingTheSetting() throws Exception {
        startServer(Map.of());
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A house at twilight", "model": "flux-pro"}]}]}""";
        JsonNode job = awaitJob(Job.idOf(ok("POST", "/v2/movies", movie, 200).path("project").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("failed");
        assertThat(job.toString()).contains("scenes[0].elements[0].prompt").contains("replicate-api-token");
    }
}
