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
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Replicate's predictions API, which serves the Flux models: a prediction is created
 * ({@code POST /v1/models/{owner}/{name}/predictions}, or {@code POST /v1/predictions} with a {@code version} for a
 * model written {@code owner/name:version}; {@code {"input": {prompt, aspect_ratio, output_format, …model-settings}}},
 * key as {@code Authorization: Bearer}), then polled at its {@code urls.get} until it has {@code succeeded},
 * {@code failed} or was {@code canceled}, and its output URL is fetched through the safe fetcher. A failed prediction
 * (a prompt flagged as unsafe, say) fails with Replicate's {@code error}; one that takes longer than
 * {@code image-timeout} is cancelled.
 */
final class ReplicateImages implements ImageProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_POLL = Duration.ofMillis(250);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final Secret token;
    private final URI base;
    private final Duration deadline;
    private final Supplier<ProviderHttp> http;
    private final Downloader downloader;

    /** @param deadline longest one picture may take, its polling included ({@code image-timeout}) */
    ReplicateImages(Secret token, URI base, Duration deadline, Supplier<ProviderHttp> http, Downloader downloader) {
        this.token = token;
        this.base = base;
        this.deadline = deadline;
        this.http = http;
        this.downloader = downloader;
    }

    @Override
    public String identity(String model) {
        return "Replicate host=" + ProviderHttp.hostOf(base) + " model=" + model + " format=png";
    }

    @Override
    public Path generate(Ask ask, String model, Path dir) throws GeneratorException, InterruptedException {
        if (token == null) {
            throw new GeneratorException("AI images with this model are made by Replicate, which needs an API token: "
                    + "set " + OpenAiImages.env("replicate-api-token") + ", or map the model to another provider "
                    + "with image-models", false, null);
        }
        ProviderHttp.Target target = new ProviderHttp.Target("Replicate", "replicate-api-token", "replicate-url",
                "Authorization", "Bearer ", token, Meters.Provider.images("replicate"));
        long until = System.nanoTime() + deadline.toNanos();
        try {
            JsonNode p = read(http.get().post(target, createUri(model), Map.of(), () -> new ByteArrayEntity(body(ask,
                    model), ContentType.APPLICATION_JSON)));
            Duration wait = FIRST_POLL;
            while (!finished(p)) {
                if (System.nanoTime() + wait.toNanos() > until) {
                    cancel(target, p);
                    throw new GeneratorException("Replicate did not make the picture within " + deadline.toSeconds()
                            + " s (image-timeout); the prediction was cancelled; try again later", true, null);
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
                p = read(http.get().get(target, ownUrl(p, "get"), Map.of()));
            }
            String status = p.path("status").asText();
            if (status.equals("failed")) {
                String error = p.path("error").isNull() ? "" : ProviderHttp.scrub(p.path("error").asText(), token);
                throw new GeneratorException("Replicate could not make the picture"
                        + (error.isBlank() ? "" : ": " + ProviderHttp.shorten(error)), false, null);
            }
            if (status.equals("canceled")) {
                throw new GeneratorException("the prediction was canceled at Replicate before it made the picture",
                        true, null);
            }
            String url = outputUrl(p.path("output"));
            if (url == null) {
                throw new GeneratorException("Replicate's prediction succeeded without an output URL", false, null);
            }
            Path into = dir.resolve("download");
            downloader.download(url, into);
            return Pictures.named(into, "Replicate");
        } catch (SpeechException e) {
            throw new GeneratorException(e.getMessage(), e.passing(), e);
        }
    }

    /** An official model by its name, or a community model's version by its id. */
    private URI createUri(String model) {
        int colon = model.indexOf(':');
        return colon < 0 ? ProviderHttp.endpoint(base, "/v1/models/" + model + "/predictions")
                : ProviderHttp.endpoint(base, "/v1/predictions");
    }

    static byte[] body(Ask ask, String model) {
        ObjectNode b = JSON.createObjectNode();
        int colon = model.indexOf(':');
        if (colon >= 0) {
            b.put("version", model.substring(colon + 1));
        }
        ObjectNode input = b.putObject("input").put("prompt", ask.prompt())
                .put("aspect_ratio", switch (ask.aspect()) {
                    case "vertical" -> "9:16";
                    case "squared" -> "1:1";
                    default -> "16:9";
                }).put("output_format", "png");
        ask.settings().fields().forEachRemaining(f -> {
            if (!f.getKey().equals("prompt")) {
                input.set(f.getKey(), f.getValue());
            }
        });
        try {
            return JSON.writeValueAsBytes(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean finished(JsonNode p) {
        String s = p.path("status").asText();
        return s.equals("succeeded") || s.equals("failed") || s.equals("canceled");
    }

    /** The first URL of an output: one URL (Flux Pro) or a list of them (Flux Schnell). */
    static String outputUrl(JsonNode output) {
        if (output.isArray()) {
            return output.isEmpty() ? null : outputUrl(output.get(0));
        }
        return output.isTextual() && !output.asText().isBlank() ? output.asText() : null;
    }

    /**
     * A prediction's own URL ({@code urls.get}, {@code urls.cancel}), only at Replicate's own address: the key goes
     * with every request, so an answer must not send it elsewhere.
     */
    private URI ownUrl(JsonNode p, String which) throws GeneratorException {
        String u = p.path("urls").path(which).asText("");
        if (u.isEmpty() && p.path("id").isTextual()) {
            u = ProviderHttp.endpoint(base, "/v1/predictions/" + p.get("id").asText()
                    + (which.equals("cancel") ? "/cancel" : "")).toString();
        }
        try {
            URI uri = new URI(u);
            if (Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getHost(), base.getHost())
                    && uri.getPort() == base.getPort()) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // the message below
        }
        throw new GeneratorException("Replicate's prediction points elsewhere than replicate-url ("
                + ProviderHttp.hostOf(base) + "): \"" + ProviderHttp.shorten(u) + "\"; check replicate-url", false, null);
    }

    /** Best effort: a prediction that is no longer waited for need not run on. */
    private void cancel(ProviderHttp.Target target, JsonNode p) throws InterruptedException {
        try {
            http.get().post(target, ownUrl(p, "cancel"), Map.of(), () -> new ByteArrayEntity(new byte[0],
                    ContentType.APPLICATION_JSON));
        } catch (SpeechException | GeneratorException e) {
            // the prediction runs to its end at Replicate; nothing waits for it
        }
    }

    private static JsonNode read(ProviderHttp.Answer a) throws GeneratorException {
        try {
            JsonNode n = JSON.readTree(a.body());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // the message below
        }
        throw new GeneratorException("Replicate answered with something that is not a prediction; check replicate-url",
                false, null);
    }
}
