package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.Settings;
import dev.moviola.job.Delivery;
import dev.moviola.job.Job;
import dev.moviola.job.JobEngine;
import dev.moviola.job.JobStore;
import dev.moviola.job.Requests;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Compiled;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.Stages;
import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * What both APIs do with jobs — accept, cancel, delete — over the job store, the engine and the blob store, so
 * that {@code /v1} and {@code /v2} differ only in their shapes.
 */
public final class Service {
    private final Settings settings;
    private final JobStore jobs;
    private final JobEngine engine;
    private final Stages stages;
    private final BlobStore blobs;
    private final ApiKeys keys;
    private final JobJson json;
    private final long maxRequestBytes;
    private final int maxActiveJobsPerKey;
    private final RateLimiter rateLimiter;
    private final ObjectNode version;
    private final SubmissionGate gate = SubmissionGate.forThisMachine();
    /** Set when the server begins to stop: event streams end with a {@code shutdown} event. */
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();

    /** @param stages the stages jobs render with, which validation plans with */
    Service(Settings settings, JobStore jobs, JobEngine engine, Stages stages, BlobStore blobs, ApiKeys keys, JobJson json,
            long maxRequestBytes, int maxActiveJobsPerKey, RateLimiter rateLimiter, ObjectNode version) {
        this.settings = settings;
        this.jobs = jobs;
        this.engine = engine;
        this.stages = stages;
        this.blobs = blobs;
        this.keys = keys;
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
        this.maxActiveJobsPerKey = maxActiveJobsPerKey;
        this.rateLimiter = rateLimiter;
        this.version = version;
    }

    /** The server begins to stop: open event streams say so and end. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Event streams open now (each stream counts itself in and out). */
    java.util.concurrent.atomic.AtomicInteger openStreams() {
        return openStreams;
    }

    /** The base of the URLs handed out, once the server knows its address. */
    public void baseUrl(String url) {
        json.baseUrl(url);
    }

    SubmissionGate gate() {
        return gate;
    }

    ApiKeys keys() {
        return keys;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    JobStore jobs() {
        return jobs;
    }

    BlobStore blobs() {
        return blobs;
    }

    JobJson json() {
        return json;
    }

    long maxRequestBytes() {
        return maxRequestBytes;
    }

    ObjectNode version() {
        return version;
    }

    boolean validToken(String key, String token) {
        return json.validToken(key, token);
    }

    /**
     * Checks a request and queues its job.
     *
     * @param request {@code {movie, renderOptions, callbackUrl}}
     * @param noticed  warnings about the request's text (repeated keys), kept with the job for its result
     */
    Job submit(String keyId, JsonNode request, List<Problem> noticed) throws SQLException {
        List<Problem> problems = check(request).errors();
        if (!problems.isEmpty()) {
            throw new ApiError(400, "INVALID_MOVIE", problems.size() == 1 ? "the movie is invalid: " + problems.get(0).message()
                    : "the movie is invalid (" + problems.size() + " problems)", problems);
        }
        String callback = request.path("callbackUrl").isTextual() ? request.path("callbackUrl").asText() : null;
        Job job = jobs.create(keyId, Requests.withWarnings(request, noticed), callback, maxActiveJobsPerKey).orElseThrow(() -> new ApiError(409,
                "CONCURRENCY_LIMIT_EXCEEDED", "this API key has " + maxActiveJobsPerKey
                        + " jobs queued or rendering, the most it may have; submit again when one has finished"));
        engine.submit(job.id());
        return job;
    }

    /**
     * Reads a job request as a submission does: its render options and callback URL, then its movie (templating and
     * every rule of the format, within this server's limits). Touches nothing but the text.
     *
     * @param request {@code {movie, renderOptions, callbackUrl}}
     */
    CheckedRequest check(JsonNode request) {
        List<Problem> problems = new java.util.ArrayList<>(Requests.check(request));
        JsonNode movie = request.path("movie");
        Document document = null;
        if (!movie.isObject()) {
            problems.add(0, Problem.error("movie", "expected the movie document, an object like {\"scenes\": [...]}"));
        } else {
            try {
                document = Pipeline.read(movie.toString(), settings);
                problems.addAll(document.warnings());
            } catch (InvalidMovieException e) {
                problems.addAll(e.problems());
            }
        }
        return new CheckedRequest(problems, document, request);
    }

    /**
     * Makes a checked movie's sources local and plans it, as a render job's planning does: under this server's
     * address policy and download limits, with the jobs' cache (what it fetches, a render of the movie reuses).
     */
    Compiled compile(Document document, RenderOptions options) throws InvalidMovieException, RenderFailure, InterruptedException {
        return stages.compile(document, settings.workDir(), options);
    }

    /** The key's job, or 404 (another key's job is not found either). */
    Job find(String keyId, String id) throws SQLException {
        return jobs.find(id).filter(j -> keyId.equals(j.apiKeyId())).orElseThrow(() -> ApiError.notFound("job " + id));
    }

    Job cancel(Job job) throws SQLException {
        ObjectNode error = ApiServer.JSON.createObjectNode().put("code", "CANCELLED").put("message", "cancelled by request");
        error.putNull("sceneIndex").putNull("sceneId");
        engine.cancel(job.id(), error);
        return jobs.find(job.id()).orElse(job);
    }

    List<Delivery> deliveries(Job job) throws SQLException {
        return engine.deliveries(job.id());
    }

    void delete(Job job) throws SQLException, IOException {
        if (!job.status().finished()) {
            cancel(job);
        }
        blobs.deleteAll("outputs/" + job.id() + "/");
        blobs.deleteAll("render-plans/" + job.id() + "/");
        jobs.delete(job.id());
    }
}
