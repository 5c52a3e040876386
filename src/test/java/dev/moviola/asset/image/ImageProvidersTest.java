package dev.moviola.asset.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.Generator;
import dev.moviola.asset.Generator.GeneratorException;
import dev.moviola.config.InvalidSettingException;
import dev.moviola.config.Settings;
import dev.moviola.movie.ImagePrompt;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image providers' clients against local stand-ins: what they send and how they read the answers — a picture
 * given as a URL, a prediction that takes too long (cancelled), a prediction that points elsewhere (the key is not
 * sent there), a refused token — and the identities and settings that pick them.
 */
class ImageProvidersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeImageProviders fake = new FakeImageProviders();

    @AfterEach
    void close() {
        fake.close();
    }

    private Generator generator(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(fake.settings());
        s.put("provider-retries", "0");
        s.putAll(more);
        Settings settings = Settings.load(s, Map.of());
        HttpClient http = HttpClient.newHttpClient();
        return ImageGenerator.from(settings.images(), settings.providers(), (url, target) -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(target));
            } catch (java.io.IOException e) {
                throw new GeneratorException(e.getMessage(), false, e);
            }
        });
    }

    private static ObjectNode ask(String prompt, String model, String aspect) {
        return ImagePrompt.request(prompt, model, aspect, JSON.createObjectNode());
    }

    private static int[] centre(Path picture) throws Exception {
        try (InputStream in = Files.newInputStream(picture)) {
            BufferedImage img = ImageIO.read(in);
            int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
            return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
        }
    }

    @Test
    void aPictureGivenAsAUrlIsFetchedAndSquaredDallE2IsAlways1024() throws Exception {
        Generator.Generated g = generator(Map.of()).generate(ask("a yellow sun by url", "dall-e-2", "vertical"), dir);
        assertThat(g.file()).hasExtension("png");
        assertThat(centre(g.file())).containsExactly(255, 255, 0);
        assertThat(fake.requests().get(0).body().path("size").asText()).isEqualTo("1024x1024");
        assertThat(fake.count("GET", "/files/openai-")).isEqualTo(1);
        assertThat(g.meta().path("provider").asText()).isEqualTo("openai");
    }

    @Test
    void aPredictionThatTakesLongerThanTheImageTimeoutIsCancelled() {
        assertThatThrownBy(() -> generator(Map.of("image-timeout", "1")).generate(ask("a slow dawn", "flux-dev",
                "squared"), dir))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("within 1 s (image-timeout)")
                .satisfies(e -> assertThat(((GeneratorException) e).passing()).isTrue());
        assertThat(fake.count("POST", "/v1/models/black-forest-labs/flux-dev/predictions")).isEqualTo(1);
        assertThat(fake.requests().get(0).body().path("input").path("aspect_ratio").asText()).isEqualTo("1:1");
        assertThat(fake.count("POST", "/v1/predictions/pred1/cancel")).as("cancelled at Replicate").isEqualTo(1);
    }

    @Test
    void aPredictionPointingElsewhereIsNotFollowedWithTheKey() {
        assertThatThrownBy(() -> generator(Map.of()).generate(ask("a house elsewhere", "flux-schnell", "vertical"), dir))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("points elsewhere than replicate-url")
                .hasMessageNotContaining(FakeImageProviders.REPLICATE_TOKEN);
        assertThat(fake.requests()).hasSize(1);
        assertThat(fake.requests().get(0).body().path("input").path("aspect_ratio").asText()).isEqualTo("9:16");
    }

    @Test
    void aRefusedTokenNamesItsSettingAndIsNeverQuoted() {
        assertThatThrownBy(() -> generator(Map.of("replicate-api-token", "r8_wrong_token_987654321"))
                .generate(ask("a red door", "flux-schnell", "horizontal"), dir))
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("Replicate refused the key (HTTP 401); check replicate-api-token")
                .hasMessageNotContaining("r8_wrong_token_987654321");
    }

    @Test
    void theIdentityNamesProviderAddressAndModelAndAnUnknownModelIsRefused() throws Exception {
        Generator g = generator(Map.of("image-models", "house-style=replicate:acme/house:abc123"));
        String host = URI.create(fake.url()).getHost() + ":" + URI.create(fake.url()).getPort();
        assertThat(g.identity(ask("x", null, "horizontal")))
                .isEqualTo("Replicate host=" + host + " model=black-forest-labs/flux-schnell format=png");
        assertThat(g.identity(ask("x", "dall-e-3", "horizontal"))).isEqualTo("OpenAI host=" + host + " model=dall-e-3 sizes=1");
        assertThat(g.identity(ask("x", "house-style", "horizontal"))).contains("model=acme/house:abc123");
        assertThatThrownBy(() -> g.identity(ask("x", "midjourney", "horizontal")))
                .hasMessageContaining("there is no image model \"midjourney\"")
                .hasMessageContaining("flux-schnell")
                .hasMessageContaining("image-models");
    }

    @Test
    void aBadModelMapIsASettingError() {
        assertThatThrownBy(() -> Settings.load(Map.of("image-models", "flux-schnell=midjourney:v6"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("setting image-models")
                .hasMessageContaining("openai, replicate, image-api");
    }
}
