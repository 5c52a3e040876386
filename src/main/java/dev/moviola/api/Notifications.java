package dev.moviola.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.Settings;
import dev.moviola.job.Job;
import dev.moviola.job.JobStatus;
import dev.moviola.job.Notice;
import dev.moviola.job.Notices;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Webhook;
import dev.moviola.pipeline.Pipeline;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The messages a job's watchers get: callback events to the job's {@code callbackUrl} (docs/service.md#callbacks-and-webhooks: the job as
 * {@code GET /v1/jobs/{id}} shows it, plus {@code event}) and, when it finishes, the movie's export webhooks
 * (docs/format.md#exports: JSON2Video's payload, numbers as strings, JSON or form-encoded).
 */
final class Notifications implements Notices {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final JobJson json;
    private final Settings settings;

    Notifications(JobJson json, Settings settings) {
        this.json = json;
        this.settings = settings;
    }

    @Override
    public List<Notice> progressed(Job job) {
        return job.callbackUrl() == null ? List.of() : List.of(callback("progress", job));
    }

    @Override
    public List<Notice> finished(Job job) {
        List<Notice> out = new ArrayList<>();
        if (job.callbackUrl() != null) {
            out.add(callback(job.status().word(), job));
        }
        for (Webhook w : webhooks(job)) {
            Map<String, Object> payload = webhookPayload(job);
            out.add(new Notice("webhook", job.status().word(), w.endpoint(), w.urlencoded() ? FORM : JSON,
                    w.urlencoded() ? form(payload) : write(ApiServer.JSON.valueToTree(payload))));
        }
        return out;
    }

    private Notice callback(String event, Job job) {
        ObjectNode body = ApiServer.JSON.createObjectNode().put("event", event);
        body.setAll(json.v1(job));
        return new Notice("callback", event, job.callbackUrl(), JSON, write(body));
    }

    /** The movie's webhooks; none when the movie could not be read (the job failed for it, and said so). */
    private List<Webhook> webhooks(Job job) {
        try {
            return Pipeline.read(job.movie().toString(), settings).draft().movie().exports();
        } catch (InvalidMovieException e) {
            return List.of();
        }
    }

    private Map<String, Object> webhookPayload(Job job) {
        boolean done = job.status() == JobStatus.DONE && job.hasOutput();
        JsonNode media = job.media() != null && done ? job.media() : ApiServer.JSON.createObjectNode();
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("width", number(media.path("width")));
        p.put("height", number(media.path("height")));
        p.put("duration", number(media.path("duration")));
        p.put("size", number(media.path("fileSize")));
        p.put("url", done ? json.fileUrl(job.outputKey()) : "");
        p.put("project", job.project());
        p.put("id", job.movie().path("id").isValueNode() ? job.movie().path("id").asText() : "");
        p.put("client-data", JobJson.clientData(job));
        p.put("status", done ? "done" : "error");
        p.put("message", job.error() != null ? job.error().path("message").asText() : "");
        return p;
    }

    /** JSON2Video sends numbers as strings: "1920", "10.5"; absent ones as "". */
    private static String number(JsonNode n) {
        return n.isNumber() ? new BigDecimal(n.asText()).stripTrailingZeros().toPlainString() : "";
    }

    /** Form fields; {@code client-data} (an object) goes as its JSON text. */
    private static String form(Map<String, Object> payload) {
        StringJoiner out = new StringJoiner("&");
        for (Map.Entry<String, Object> e : payload.entrySet()) {
            String value = e.getValue() instanceof JsonNode n ? write(n) : String.valueOf(e.getValue());
            out.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String write(JsonNode n) {
        try {
            return ApiServer.JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
