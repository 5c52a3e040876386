package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A render job as stored: what was asked ({@code request}: the movie, render options, callback URL) and where it
 * stands. Structured parts are JSON as the API reports them; absent parts are null.
 *
 * @param id        {@code job_} + {@code project}
 * @param project   the 16-character id the JSON2Video-compatible API uses
 * @param error     {@code {code, message, sceneIndex, sceneId}} when failed or cancelled
 * @param media     {@code {duration, width, height, fileSize}} when done
 * @param children  scene counts {@code {total, succeeded, running, queued, failed, cached}}
 * @param cache     {@code {movie, scenesHit, scenesRendered, elementsHit}}
 * @param hasOutput whether {@code outputs/{id}/} holds the movie and its thumbnail
 * @param hasCaptions whether it holds the movie's captions too ({@link #captionsKey()})
 * @param attempts  how many times a worker started it (a restart after a crash counts)
 */
public record Job(String id, String project, String apiKeyId, JobStatus status, String phase, double progress,
        JsonNode request, String callbackUrl, JsonNode error, JsonNode media, JsonNode children, JsonNode cache,
        JsonNode warnings, boolean hasOutput, boolean hasCaptions, int attempts, Instant createdAt, Instant updatedAt, Instant startedAt,
        Instant endedAt, long seq) {

    public static String idOf(String project) {
        return "job_" + project;
    }

    /** The movie document as submitted. */
    public JsonNode movie() {
        return request.path("movie");
    }

    public String outputKey() {
        return "outputs/" + id + "/output.mp4";
    }

    public String thumbnailKey() {
        return "outputs/" + id + "/thumbnail.jpg";
    }

    /** The movie's captions as an ASS file. */
    public String captionsKey() {
        return "outputs/" + id + "/captions.ass";
    }
}
