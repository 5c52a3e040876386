package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an AI image asks its provider for ({@code prompt}, {@code model}, {@code aspect-ratio}, {@code model-settings})
 * in one canonical form, written in one place: the reader makes an image's generated source from it, and templating
 * names a preloaded image by it ({@code {{ id_url }}}), so both name the same picture the same way.
 */
public final class ImagePrompt {
    /** The kind of generated source an AI image is ({@link Source#kind()}). */
    public static final String KIND = "image";
    /** The shapes a picture may be asked in; {@code square} is JSON2Video's other spelling of {@code squared}. */
    public static final List<String> ASPECTS = List.of("horizontal", "vertical", "squared");
    public static final String DEFAULT_ASPECT = "horizontal";

    private ImagePrompt() {
    }

    /**
     * The request: the prompt as written, the model in lower case (null: the configured default), the aspect ratio
     * ({@link #ASPECTS}) and the settings (an empty object when none).
     */
    public static ObjectNode request(String prompt, String model, String aspect, JsonNode settings) {
        ObjectNode r = JsonNodeFactory.instance.objectNode().put("prompt", prompt).put("model", model)
                .put("aspect-ratio", aspect);
        r.set("model-settings", settings == null || !settings.isObject() ? JsonNodeFactory.instance.objectNode()
                : settings.deepCopy());
        return r;
    }

    /** A model name as a request holds it: trimmed, lower case; null when none is named. */
    static String model(String written) {
        String m = written == null ? "" : written.trim().toLowerCase(Locale.ROOT);
        return m.isEmpty() ? null : m;
    }

    /** An aspect ratio as a request holds it, or empty when it is none of {@link #ASPECTS}. */
    static Optional<String> aspect(String written) {
        String a = written == null ? DEFAULT_ASPECT : written.trim().toLowerCase(Locale.ROOT);
        a = a.equals("square") ? "squared" : a;
        return ASPECTS.contains(a) ? Optional.of(a) : Optional.empty();
    }

    /**
     * The source name ({@link Source#src()}) of the picture an image element's JSON asks for by its {@code prompt};
     * empty when it has a {@code src} or no valid prompt (the reader reports what is wrong).
     */
    public static Optional<String> nameOf(JsonNode element) {
        if (element == null || !element.isObject() || element.hasNonNull("src") || !element.path("prompt").isTextual()
                || element.path("prompt").asText().isBlank()) {
            return Optional.empty();
        }
        JsonNode model = element.get("model");
        JsonNode aspect = element.get("aspect-ratio");
        if (model != null && !model.isTextual() && !model.isNull() || aspect != null && !aspect.isTextual()) {
            return Optional.empty();
        }
        JsonNode settings = element.get("model-settings");
        return aspect(aspect == null ? null : aspect.asText()).map(a -> source(request(element.get("prompt").asText(),
                model(model == null || model.isNull() ? null : model.asText()), a, settings), "").src());
    }

    /** The generated source of a request, named by its hash. */
    static Source source(ObjectNode request, String path) {
        return Source.generated(KIND, request, path, Source.Need.PICTURE);
    }
}
