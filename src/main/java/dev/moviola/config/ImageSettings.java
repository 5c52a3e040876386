package dev.moviola.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where AI images come from: the providers' addresses and keys (OpenAI's are the speech settings' own,
 * {@code openai-api-key} and {@code openai-url}), the model of images that name none, and the operator's additions to
 * the map from the format's model names to a provider and its model. Keys are {@link Secret}s: they never print.
 *
 * @param replicateApiToken Replicate API token
 * @param replicateUrl      the address of Replicate's API (default {@code https://api.replicate.com})
 * @param imageApiUrl       an OpenAI-compatible images API ({@code /v1/images/generations}) of a self-hosted generator
 * @param imageApiKey       its key, if it asks for one
 * @param imageModel        the model of AI images that name none (default {@code flux-schnell})
 * @param imageModels       model names mapped to {@code provider:model} ({@code openai}, {@code replicate},
 *                          {@code image-api}), over the defaults
 * @param imageTimeout      longest one picture may take, waiting for an asynchronous prediction included
 */
public record ImageSettings(Secret replicateApiToken, URI replicateUrl, Optional<URI> imageApiUrl, Secret imageApiKey,
        String imageModel, Map<String, String> imageModels, Duration imageTimeout) {

    public static final List<String> KEYS = List.of("replicate-api-token", "replicate-url", "image-api-url",
            "image-api-key", "image-model", "image-models", "image-timeout");
    /** The providers a model may be mapped to. */
    public static final List<String> PROVIDERS = List.of("openai", "replicate", "image-api");

    public ImageSettings {
        imageModels = Map.copyOf(imageModels);
    }

    /** @param m merged values by key ({@link Settings#merge}) */
    static ImageSettings load(Map<String, String> m) {
        return new ImageSettings(
                Secret.of(m.get("replicate-api-token")),
                ProviderSettings.uri(m, "replicate-url").orElse(URI.create("https://api.replicate.com")),
                ProviderSettings.uri(m, "image-api-url"),
                Secret.of(m.get("image-api-key")),
                ProviderSettings.text(m, "image-model").map(s -> s.toLowerCase(Locale.ROOT)).orElse("flux-schnell"),
                models(m.get("image-models")),
                Settings.duration(m, "image-timeout", Duration.ofMinutes(5)));
    }

    /** {@code name=provider:model,…}, e.g. {@code flux-schnell=image-api:flux1-schnell,dall-e-3=openai:dall-e-3}. */
    static Map<String, String> models(String v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String entry : v.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':', Math.max(eq, 0));
            String name = eq < 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String provider = colon < 0 ? "" : entry.substring(eq + 1, colon).trim().toLowerCase(Locale.ROOT);
            String model = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (name.isEmpty() || !PROVIDERS.contains(provider) || model.isEmpty()) {
                throw new InvalidSettingException("setting image-models: expected name=provider:model entries separated"
                        + " by commas, the provider one of " + String.join(", ", PROVIDERS)
                        + " (e.g. flux-schnell=image-api:flux1-schnell), got \"" + entry.trim() + "\"");
            }
            out.put(name, provider + ":" + model);
        }
        return out;
    }
}
