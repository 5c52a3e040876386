package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Webhook;
import dev.moviola.pipeline.QualityPreset;
import dev.moviola.pipeline.RenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading the parts of a job request besides the movie: {@code renderOptions} and {@code callbackUrl}. */
public final class Requests {
    private Requests() {
    }

    /** What is wrong with a request's render options and callback URL, with JSON paths; empty when nothing. */
    public static List<Problem> check(JsonNode request) {
        List<Problem> out = new ArrayList<>();
        JsonNode o = request.path("renderOptions");
        if (!o.isMissingNode() && !o.isNull() && !o.isObject()) {
            out.add(Problem.error("renderOptions", "expected an object like {\"qualityPreset\": \"balanced\"}"));
            return out;
        }
        JsonNode preset = o.path("qualityPreset");
        if (!preset.isMissingNode() && !preset.isNull() && (!preset.isTextual() || preset(preset.asText()) == null)) {
            out.add(Problem.error("renderOptions.qualityPreset", "expected one of stable, balanced, fast, turbo; got " + preset));
        }
        JsonNode n = o.path("requestedConcurrency");
        if (!n.isMissingNode() && !n.isNull() && (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 32)) {
            out.add(Problem.error("renderOptions.requestedConcurrency", "expected a whole number from 1 to 32, got " + n));
        }
        JsonNode url = request.path("callbackUrl");
        if (!url.isMissingNode() && !url.isNull() && (!url.isTextual() || !Webhook.isEndpoint(url.asText()))) {
            out.add(Problem.error("callbackUrl", "expected an absolute http:// or https:// URL that accepts POST requests,"
                    + " got " + url));
        }
        return out;
    }

    /**
     * The request as stored with its job: the client's, with what the server noticed in its text ({@code warnings},
     * e.g. repeated keys, whose last values the request holds), which the job's result reports.
     */
    public static JsonNode withWarnings(JsonNode request, List<Problem> noticed) {
        ObjectNode stored = ((ObjectNode) request).deepCopy();
        stored.remove("warnings");
        if (!noticed.isEmpty()) {
            ArrayNode a = stored.putArray("warnings");
            noticed.forEach(w -> a.addObject().put("path", w.path()).put("message", w.message()));
        }
        return stored;
    }

    /** What the server noticed in a stored request's text ({@link #withWarnings}). */
    static List<Problem> warnings(JsonNode request) {
        List<Problem> out = new ArrayList<>();
        request.path("warnings").forEach(w -> out.add(Problem.warning(w.path("path").asText(), w.path("message").asText())));
        return out;
    }

    /** The render options of a checked request. */
    public static RenderOptions options(JsonNode request) {
        JsonNode o = request.path("renderOptions");
        QualityPreset preset = o.path("qualityPreset").isTextual() ? preset(o.path("qualityPreset").asText()) : null;
        Integer n = o.path("requestedConcurrency").isIntegralNumber() ? o.path("requestedConcurrency").asInt() : null;
        return new RenderOptions(null, preset, n, false, true);
    }

    private static QualityPreset preset(String word) {
        try {
            return QualityPreset.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
