package dev.moviola.asset.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI images in rendered movies, against local stand-ins for OpenAI and Replicate that check the documented requests:
 * a preloaded picture shown by two scenes through {@code {{ id_url }}} and an inline one are what the providers
 * drew; each prompt is generated once, a repeat render asks nothing, {@code cache: false} asks again; a refusal fails
 * the render with the provider's reason at the element's path; no configured provider is an error naming the setting.
 */
class AiImageRenderTest {

    @TempDir
    Path dir;

    private final FakeImageProviders fake = new FakeImageProviders();

    @AfterEach
    void close() {
        fake.close();
    }

    private RenderResult render(String json, Map<String, String> more) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("work-dir", dir.resolve("work").toString(),
                "cache-dir", dir.resolve("cache").toString(), "provider-retries", "0"));
        s.putAll(more);
        Settings settings = Settings.load(s, Map.of());
        Path out = dir.resolve("movie-" + System.nanoTime() + ".mp4");
        return new Pipeline(settings, TestFfmpeg.ffmpeg()).render(Pipeline.read(json, settings), dir, out,
                RenderOptions.DEFAULT, ProgressListener.NONE);
    }

    private static final String MOVIE = """
            {"width": 160, "height": 90, "fps": 10,
             "preload": [{"id": "twilight", "type": "image", "prompt": "A red house at twilight", "model": "flux-schnell"}],
             "scenes": [
              {"duration": 1, "elements": [{"type": "image", "src": "{{twilight_url}}"}]},
              {"duration": 1, "elements": [{"type": "image", "prompt": "A blue lake", "model": "dall-e-3",
                                            "aspect-ratio": "horizontal", "model-settings": {"quality": "hd"}%s}]},
              {"duration": 1, "elements": [{"type": "image", "src": "{{ twilight_url }}"}]}]}""";

    @Slow
    @Test
    void preloadedAndInlineAiImagesShowWhatTheProvidersDrewEachPromptGeneratedOnce() throws Exception {
        RenderResult r = render(MOVIE.formatted(""), fake.settings());
        assertColour(r.output(), 5, 255, 0, 0, "scene 1: the preloaded picture (Replicate, red)");
        assertColour(r.output(), 15, 0, 0, 255, "scene 2: the inline picture (OpenAI, blue)");
        assertColour(r.output(), 25, 255, 0, 0, "scene 3: the preloaded picture again");

        assertThat(fake.count("POST", "/v1/models/")).as("one Replicate prediction for the preloaded prompt").isEqualTo(1);
        assertThat(fake.count("GET", "/v1/predictions/")).as("polled until it succeeded").isEqualTo(2);
        assertThat(fake.count("GET", "/files/")).as("its output fetched once").isEqualTo(1);
        assertThat(fake.count("POST", "/v1/images/generations")).as("one OpenAI generation").isEqualTo(1);

        FakeImageProviders.Request create = fake.requests().stream()
                .filter(q -> q.path().startsWith("/v1/models/")).findFirst().orElseThrow();
        assertThat(create.path()).isEqualTo("/v1/models/black-forest-labs/flux-schnell/predictions");
        assertThat(create.header("authorization")).isEqualTo("Bearer " + FakeImageProviders.REPLICATE_TOKEN);
        assertThat(create.header("content-type")).startsWith("application/json");
        assertThat(create.body().path("input").path("prompt").asText()).isEqualTo("A red house at twilight");
        assertThat(create.body().path("input").path("aspect_ratio").asText()).isEqualTo("16:9");
        assertThat(create.body().path("input").path("output_format").asText()).isEqualTo("png");
        FakeImageProviders.Request poll = fake.requests().stream()
                .filter(q -> q.path().startsWith("/v1/predictions/")).findFirst().orElseThrow();
        assertThat(poll.header("authorization")).isEqualTo("Bearer " + FakeImageProviders.REPLICATE_TOKEN);

        FakeImageProviders.Request openai = fake.requests().stream()
                .filter(q -> q.path().equals("/v1/images/generations")).findFirst().orElseThrow();
        assertThat(openai.header("authorization")).isEqualTo("Bearer " + FakeImageProviders.OPENAI_KEY);
        assertThat(openai.body().path("model").asText()).isEqualTo("dall-e-3");
        assertThat(openai.body().path("prompt").asText()).isEqualTo("A blue lake");
        assertThat(openai.body().path("n").asInt()).isEqualTo(1);
        assertThat(openai.body().path("size").asText()).isEqualTo("1792x1024");
        assertThat(openai.body().path("response_format").asText()).isEqualTo("b64_json");
        assertThat(openai.body().path("quality").asText()).as("model-settings passed on").isEqualTo("hd");

        int before = fake.requests().size();
        RenderResult again = render(MOVIE.formatted(""), fake.settings());
        assertThat(fake.requests()).as("a repeat render asks the providers nothing").hasSize(before);
        assertColour(again.output(), 15, 0, 0, 255, "the cached picture");

        RenderResult fresh = render(MOVIE.formatted(", \"cache\": false"), fake.settings());
        assertThat(fake.count("POST", "/v1/images/generations")).as("cache: false generates afresh").isEqualTo(2);
        assertThat(fake.count("POST", "/v1/models/")).as("the preloaded picture still comes from the cache").isEqualTo(1);
        assertColour(fresh.output(), 15, 0, 0, 255, "the fresh picture");
    }

    @Slow
    @Test
    void twoRendersWantingTheSamePictureAtOnceGenerateItOnce() throws Exception {
        Map<String, String> s = new HashMap<>(fake.settings());
        s.put("work-dir", dir.resolve("work").toString());
        s.put("cache-dir", dir.resolve("cache").toString());
        Settings settings = Settings.load(s, Map.of());
        Pipeline shared = new Pipeline(settings, TestFfmpeg.ffmpeg());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<RenderResult>> renders = new ArrayList<>();
            for (int length : new int[] {1, 2}) {
                String movie = """
                        {"width": 160, "height": 90, "fps": 10, "scenes": [{"duration": %d, "elements": [
                          {"type": "image", "prompt": "A magenta sky", "model": "flux-schnell"}]}]}""".formatted(length);
                renders.add(two.submit(() -> shared.render(Pipeline.read(movie, settings), dir,
                        dir.resolve("movie-" + length + ".mp4"), RenderOptions.DEFAULT, ProgressListener.NONE)));
            }
            for (Future<RenderResult> f : renders) {
                assertColour(f.get(60, TimeUnit.SECONDS).output(), 5, 255, 0, 255, "the shared picture");
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(fake.count("POST", "/v1/models/")).as("one prediction for both renders").isEqualTo(1);
    }

    @Test
    void theSelfHostedImageApiServesModelsMappedToIt() throws Exception {
        Map<String, String> s = new HashMap<>(fake.settings());
        s.put("image-models", "flux-schnell=image-api:flux1-schnell-local");
        RenderResult r = render("""
                {"width": 160, "height": 90, "fps": 10, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A green field", "aspect-ratio": "vertical"}]}]}""", s);
        assertColour(r.output(), 5, 0, 255, 0, "the self-hosted server's picture");
        FakeImageProviders.Request q = fake.requests().get(0);
        assertThat(fake.requests()).hasSize(1);
        assertThat(q.path()).isEqualTo("/local/v1/images/generations");
        assertThat(q.header("authorization")).isEqualTo("Bearer " + FakeImageProviders.IMAGE_API_KEY);
        assertThat(q.body().path("model").asText()).as("an image without a model: flux-schnell, as mapped")
                .isEqualTo("flux1-schnell-local");
        assertThat(q.body().path("size").asText()).isEqualTo("1024x1536");
    }

    @Test
    void aRefusedPromptFailsTheRenderWithTheProvidersReasonAtTheElementsPath() {
        assertThatThrownBy(() -> render("""
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "something forbidden", "model": "dall-e-3"}]}]}""", fake.settings()))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("scenes[0].elements[0].prompt")
                .hasMessageContaining("rejected as a result of our safety system");
        assertThatThrownBy(() -> render("""
                {"width": 160, "height": 90,
                 "preload": [{"id": "p", "type": "image", "prompt": "something forbidden", "model": "flux-pro"}],
                 "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "{{p_url}}"}]}]}""", fake.settings()))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("preload[0].prompt")
                .hasMessageContaining("NSFW content detected");
        assertThat(fake.count("POST", "/v1/models/black-forest-labs/flux-pro/predictions")).isEqualTo(1);
    }

    @Test
    void withoutAConfiguredProviderTheErrorNamesTheSettingAndNoKeyIsPrinted() {
        assertThatThrownBy(() -> render("""
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A yellow door", "model": "flux-schnell"}]}]}""", Map.of()))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("scenes[0].elements[0].prompt")
                .hasMessageContaining("replicate-api-token (MOVIOLA_REPLICATE_API_TOKEN)");
        assertThatThrownBy(() -> render("""
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A yellow door", "model": "dall-e-3"}]}]}""",
                Map.of("openai-url", fake.url(), "openai-api-key", "sk-wrong-key-0123456789")))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("check openai-api-key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-wrong-key-0123456789"));
    }

    private static void assertColour(Path video, long frame, int r, int g, int b, String what) {
        BufferedImage img = Decoded.frame(video, frame);
        assertThat(Pixels.near(img, 80, 45, r, g, b)).as(what + ": " + Pixels.describe(img, 80, 45)).isTrue();
    }
}
