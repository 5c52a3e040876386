package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.job.Attempt;
import dev.moviola.job.Delivery;
import dev.moviola.job.Job;
import dev.moviola.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Jobs as the two APIs show them: the native {@code /v1} job and the JSON2Video {@code /v2} movie. */
final class JobJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Set once the server listens (its port may be chosen then); read by request threads. */
    private volatile String baseUrl;
    private final UrlSigner signer;

    JobJson(String baseUrl, UrlSigner signer) {
        this.baseUrl = baseUrl;
        this.signer = signer;
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    boolean validToken(String key, String token) {
        return signer.valid(key, token);
    }

    String fileUrl(String key) {
        return baseUrl + "/v1/files/" + key + "?token=" + signer.token(key);
    }

    /** {@code GET /v1/jobs/{jobId}} (docs/service.md#a-job). */
    ObjectNode v1(Job job) {
        ObjectNode n = F.objectNode().put("jobId", job.id()).put("type", "render").put("status", job.status().word())
                .put("phase", job.phase()).put("progress", job.status() == JobStatus.DONE ? 1.0 : Math.round(job.progress() * 1000) / 1000.0);
        boolean out = job.status() == JobStatus.DONE && job.hasOutput();
        n.put("outputUrl", out ? fileUrl(job.outputKey()) : null);
        n.put("thumbnailUrl", out ? fileUrl(job.thumbnailKey()) : null);
        n.put("captionsUrl", out && job.hasCaptions() ? fileUrl(job.captionsKey()) : null);
        n.set("error", orNull(job.error()));
        n.set("mediaData", orNull(job.media()));
        n.set("children", job.children() != null ? job.children()
                : F.objectNode().put("total", 0).put("succeeded", 0).put("running", 0).put("queued", 0).put("failed", 0).put("cached", 0));
        n.set("cache", orNull(job.cache()));
        n.set("warnings", job.warnings() != null ? job.warnings() : F.arrayNode());
        n.set("client-data", clientData(job));
        n.put("createdAt", job.createdAt().toString());
        n.put("updatedAt", job.updatedAt().toString());
        return n;
    }

    /** The job's callbacks and webhooks, each with its attempts. */
    static ArrayNode deliveries(List<Delivery> deliveries) {
        ArrayNode out = F.arrayNode();
        for (Delivery d : deliveries) {
            ObjectNode n = out.addObject().put("id", d.id()).put("kind", d.notice().kind()).put("event", d.notice().event())
                    .put("url", d.notice().url()).put("status", d.status()).put("createdAt", d.createdAt().toString());
            ArrayNode attempts = n.putArray("attempts");
            for (Attempt a : d.attempts()) {
                ObjectNode at = attempts.addObject().put("number", a.number()).put("at", a.at().toString());
                if (a.statusCode() == null) {
                    at.putNull("statusCode");
                } else {
                    at.put("statusCode", a.statusCode());
                }
                at.put("error", a.error()).put("durationMs", a.millis());
            }
        }
        return out;
    }

    /** The {@code movie} of {@code GET /v2/movies?project=} (docs/service.md#the-json2video-api-v2). */
    ObjectNode v2(Job job) {
        String status = switch (job.status()) {
            case QUEUED -> "pending";
            case RUNNING, WAITING -> "running";
            case DONE -> "done";
            case FAILED, CANCELLED -> "error";
        };
        boolean done = job.status() == JobStatus.DONE && job.hasOutput();
        JsonNode media = job.media() != null ? job.media() : F.objectNode();
        ObjectNode n = F.objectNode().put("success", job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED)
                .put("status", status)
                .put("message", job.error() != null ? job.error().path("message").asText()
                        : switch (job.status()) {
                            case QUEUED -> "Queued";
                            case RUNNING, WAITING -> "Rendering" + (job.phase() != null ? " (" + job.phase() + ")" : "");
                            default -> "";
                        })
                .put("project", job.project())
                // JSON2Video's progress: a whole percentage
                .put("progress", job.status() == JobStatus.DONE ? 100 : (int) Math.floor(job.progress() * 100))
                .put("url", done ? fileUrl(job.outputKey()) : null)
                .putNull("ass")
                .put("created_at", job.createdAt().toString())
                .put("ended_at", job.endedAt() != null ? job.endedAt().toString() : null);
        // JSON2Video's "ass": the captions file's URL, or false (never null) when the movie has none.
        n.set("ass", done && job.hasCaptions() ? F.textNode(fileUrl(job.captionsKey())) : F.booleanNode(false));
        if (done) {
            n.put("duration", media.path("duration").asDouble()).put("size", media.path("fileSize").asLong())
                    .put("width", media.path("width").asInt()).put("height", media.path("height").asInt());
        } else {
            n.putNull("duration").putNull("size").putNull("width").putNull("height");
        }
        Instant from = job.startedAt() != null ? job.startedAt() : job.createdAt();
        if (job.endedAt() != null) {
            n.put("rendering_time", Duration.between(from, job.endedAt()).toMillis() / 1000.0);
        } else {
            n.putNull("rendering_time");
        }
        n.set("client-data", clientData(job));
        return n;
    }

    static JsonNode clientData(Job job) {
        JsonNode c = job.movie().path("client-data");
        return c.isObject() ? c : F.objectNode();
    }

    private static JsonNode orNull(JsonNode n) {
        return n == null ? F.nullNode() : n;
    }
}
