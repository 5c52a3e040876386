package dev.moviola.asset.image;

import dev.moviola.asset.Generator.GeneratorException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The map from the format's model names ({@code flux-schnell}, {@code dall-e-3}) to the provider that makes their
 * pictures and its name for the model: the defaults below, with the operator's {@code image-models} over them.
 */
final class ImageModels {
    /** A provider ({@code openai}, {@code replicate}, {@code image-api}) and its name for a model. */
    record Route(String provider, String model) {
    }

    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final String defaultModel;

    /**
     * @param overrides    name → {@code provider:model}, over {@link #DEFAULTS}
     * @param defaultModel the model of images that name none
     */
    ImageModels(Map<String, String> overrides, String defaultModel) {
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(overrides);
        all.forEach((name, to) -> {
            int colon = to.indexOf(':');
            routes.put(name, new Route(to.substring(0, colon), to.substring(colon + 1)));
        });
        this.defaultModel = defaultModel;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flux-schnell", "replicate:black-forest-labs/flux-schnell");
        m.put("flux-dev", "replicate:black-forest-labs/flux-dev");
        m.put("flux-pro", "replicate:black-forest-labs/flux-pro");
        m.put("flux-1.1-pro", "replicate:black-forest-labs/flux-1.1-pro");
        m.put("flux-1.1-pro-ultra", "replicate:black-forest-labs/flux-1.1-pro-ultra");
        m.put("dall-e-2", "openai:dall-e-2");
        m.put("dall-e-3", "openai:dall-e-3");
        m.put("gpt-image-1", "openai:gpt-image-1");
        return Map.copyOf(m);
    }

    /** The name an image's {@code model} comes to (null: the default). */
    String nameOf(String model) {
        return model == null ? defaultModel : model;
    }

    Route route(String model) throws GeneratorException {
        String name = nameOf(model);
        Route r = routes.get(name);
        if (r == null) {
            throw new GeneratorException("there is no image model \"" + name + "\"; use one of "
                    + String.join(", ", new TreeSet<>(routes.keySet()))
                    + ", or map it to a provider with the image-models setting (e.g. " + name + "=image-api:" + name + ")",
                    false, null);
        }
        return r;
    }
}
