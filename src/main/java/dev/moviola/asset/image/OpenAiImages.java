package dev.moviola.asset.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.Generator.GeneratorException;
import dev.moviola.asset.speech.ProviderHttp;
import dev.moviola.asset.speech.SpeechException;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * OpenAI's images API, and any server that speaks it (a self-hosted generator at {@code image-api-url}):
 * {@code POST {base}/v1/images/generations} with the key as {@code Authorization: Bearer}, JSON in ({@code model},
 * {@code prompt}, {@code n}, {@code size}, {@code response_format}, then the element's {@code model-settings}), the
 * picture out as {@code b64_json} or as a {@code url}, fetched through the safe fetcher. A refusal (OpenAI's content
 * policy answers HTTP 400) fails with the provider's reason.
 */
final class OpenAiImages implements ImageProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of {@code model-settings} that would change what is asked for beyond one picture of this prompt. */
    private static final Set<String> FIXED = Set.of("model", "prompt", "n");

    /**
     * How the client names and reaches one server.
     *
     * @param name       the provider for people ({@code OpenAI})
     * @param base       its address (empty: not configured)
     * @param urlSetting the setting that gives the address
     * @param key        its key (null: none; required when {@code needsKey})
     * @param keySetting the setting that gives the key
     * @param needsKey   whether a request without a key is not even tried (OpenAI's own API)
     */
    record Server(String name, java.util.Optional<URI> base, String urlSetting, Secret key, String keySetting,
            boolean needsKey) {
    }

    private final Server server;
    private final Supplier<ProviderHttp> http;
    private final Downloader downloader;

    OpenAiImages(Server server, Supplier<ProviderHttp> http, Downloader downloader) {
        this.server = server;
        this.http = http;
        this.downloader = downloader;
    }

    @Override
    public String identity(String model) {
        return server.name() + " host=" + server.base().map(ProviderHttp::hostOf).orElse("none") + " model=" + model
                + " sizes=1";
    }

    @Override
    public Path generate(Ask ask, String model, Path dir) throws GeneratorException, InterruptedException {
        if (server.base().isEmpty()) {
            throw new GeneratorException("AI images with this model are made by " + server.name() + ", which is not "
                    + "configured: set " + env(server.urlSetting()), false, null);
        }
        if (server.needsKey() && server.key() == null) {
            throw new GeneratorException("AI images with this model are made by " + server.name() + ", which needs a "
                    + "key: set " + env(server.keySetting()), false, null);
        }
        URI uri = ProviderHttp.endpoint(server.base().get(), "/v1/images/generations");
        ProviderHttp.Target target = new ProviderHttp.Target(server.name(), server.keySetting(), server.urlSetting(),
                "Authorization", "Bearer ", server.key(), Meters.Provider.images(server.urlSetting().equals("openai-url")
                        ? "openai" : "image-api"));
        byte[] body = body(ask, model);
        ProviderHttp.Answer a;
        try {
            a = http.get().post(target, uri, Map.of(), () -> new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        } catch (SpeechException e) {
            throw new GeneratorException(e.getMessage(), e.passing(), e);
        }
        JsonNode picture;
        try {
            picture = JSON.readTree(a.body()).path("data").path(0);
        } catch (IOException e) {
            picture = null;
        }
        if (picture != null && picture.path("b64_json").isTextual()) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(picture.get("b64_json").asText());
            } catch (IllegalArgumentException e) {
                throw new GeneratorException(server.name() + " answered with a b64_json that is not base64", false, e);
            }
            return Pictures.write(dir, server.name(), bytes);
        }
        if (picture != null && picture.path("url").isTextual()) {
            Path into = dir.resolve("download");
            downloader.download(picture.get("url").asText(), into);
            return Pictures.named(into, server.name());
        }
        throw new GeneratorException(server.name() + " answered without a picture (neither data[0].b64_json nor "
                + "data[0].url); check " + server.urlSetting(), false, null);
    }

    /** The JSON body: the model, the prompt, one picture of the aspect's size, then the element's settings. */
    static byte[] body(Ask ask, String model) {
        ObjectNode b = JSON.createObjectNode().put("model", model).put("prompt", ask.prompt()).put("n", 1)
                .put("size", size(model, ask.aspect()));
        if (!model.startsWith("gpt-image")) {
            b.put("response_format", "b64_json"); // gpt-image models always answer so, and refuse the key
        }
        ask.settings().fields().forEachRemaining(f -> {
            if (!FIXED.contains(f.getKey())) {
                b.set(f.getKey(), f.getValue());
            }
        });
        try {
            return JSON.writeValueAsBytes(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The size a model makes for an aspect: DALL·E 3's 1792×1024, 1024×1792, 1024×1024; DALL·E 2 only squares; GPT
     * Image (and servers that speak the API) 1536×1024, 1024×1536, 1024×1024.
     */
    static String size(String model, String aspect) {
        if (model.equals("dall-e-2") || aspect.equals("squared")) {
            return "1024x1024";
        }
        boolean wide = aspect.equals("horizontal");
        if (model.equals("dall-e-3")) {
            return wide ? "1792x1024" : "1024x1792";
        }
        return wide ? "1536x1024" : "1024x1536";
    }

    static String env(String setting) {
        return setting + " (MOVIOLA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ")";
    }
}
