package dev.moviola.asset.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.asset.Generator;
import dev.moviola.asset.speech.ProviderHttp;
import dev.moviola.config.ImageSettings;
import dev.moviola.config.ProviderSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes AI images: the model map says which provider makes an image's {@code model} and under which name, and that
 * provider's client makes the picture. What it makes is kept by the resolver in the element cache under the request
 * and {@link #identity} (provider, address, model), so one prompt is generated once.
 */
public final class ImageGenerator implements Generator {
    private final ImageModels models;
    private final Map<String, ImageProvider> providers;

    ImageGenerator(ImageModels models, Map<String, ImageProvider> providers) {
        this.models = models;
        this.providers = Map.copyOf(providers);
    }

    /**
     * The generator the settings describe: OpenAI (its key and address are the speech settings'), Replicate, and the
     * self-hosted OpenAI-compatible server, sharing one HTTP client (made on first use) with the settings' timeout
     * and retries.
     *
     * @param downloader fetches a provider's output URL (the safe fetcher, with the download limits)
     */
    public static ImageGenerator from(ImageSettings images, ProviderSettings p,
            ImageProvider.Downloader downloader) {
        Supplier<ProviderHttp> http = new Supplier<>() {
            private ProviderHttp made;

            @Override
            public synchronized ProviderHttp get() {
                if (made == null) {
                    made = ProviderHttp.of(p);
                }
                return made;
            }
        };
        return new ImageGenerator(new ImageModels(images.imageModels(), images.imageModel()), Map.of(
                "openai", new OpenAiImages(new OpenAiImages.Server("OpenAI", java.util.Optional.of(p.openaiUrl()),
                        "openai-url", p.openaiApiKey(), "openai-api-key", true), http, downloader),
                "image-api", new OpenAiImages(new OpenAiImages.Server("the image API", images.imageApiUrl(),
                        "image-api-url", images.imageApiKey(), "image-api-key", false), http, downloader),
                "replicate", new ReplicateImages(images.replicateApiToken(), images.replicateUrl(), images.imageTimeout(),
                        http, downloader)));
    }

    @Override
    public String identity(JsonNode request) throws GeneratorException {
        ImageModels.Route r = models.route(model(request));
        return providers.get(r.provider()).identity(r.model());
    }

    @Override
    public Generated generate(JsonNode request, Path dir) throws GeneratorException, InterruptedException {
        String model = model(request);
        ImageModels.Route r = models.route(model);
        ImageProvider.Ask ask = new ImageProvider.Ask(request.path("prompt").asText(),
                request.path("aspect-ratio").asText("horizontal"), request.path("model-settings").isObject()
                ? request.get("model-settings") : JsonNodeFactory.instance.objectNode());
        try {
            Path file = providers.get(r.provider()).generate(ask, r.model(), dir);
            return new Generated(file, JsonNodeFactory.instance.objectNode().put("model", models.nameOf(model))
                    .put("provider", r.provider()).put("providerModel", r.model()));
        } catch (GeneratorException e) {
            throw new GeneratorException("model " + models.nameOf(model) + ": " + e.getMessage(), e.passing(), e);
        }
    }

    private static String model(JsonNode request) {
        JsonNode m = request.path("model");
        return m.isTextual() ? m.asText() : null;
    }
}
