package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.job.Job;
import dev.moviola.storage.BlobStore;
import dev.moviola.movie.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The native jobs API (docs/service.md#the-jobs-api-v1). */
final class JobsApi {
    /** How often an event stream looks at its job; a change is sent within this time. */
    private static final long EVENT_POLL_MILLIS = 200;
    /** An event stream ends after this long; clients reconnect (EventSource does so by itself). */
    private static final long EVENT_STREAM_MILLIS = 30 * 60_000L;

    private final Service service;

    JobsApi(Service service) {
        this.service = service;
    }

    void routes(RoutesConfig r) {
        r.post("/v1/render/jobs", this::submit);
        r.get("/v1/jobs", this::list);
        r.get("/v1/jobs/{jobId}", ctx -> {
            Job job = job(ctx);
            ObjectNode body = service.json().v1(job);
            body.set("deliveries", JobJson.deliveries(service.deliveries(job)));
            ApiServer.json(ctx, 200, body);
        });
        r.get("/v1/jobs/{jobId}/events", this::events);
        // The movie document as submitted: the playground reopens a past job's movie in its editor.
        r.get("/v1/jobs/{jobId}/movie", ctx -> ApiServer.json(ctx, 200, job(ctx).movie()));
        r.post("/v1/jobs/{jobId}/cancel", ctx -> ApiServer.json(ctx, 200, service.json().v1(service.cancel(job(ctx)))));
        r.delete("/v1/jobs/{jobId}", ctx -> {
            Job job = job(ctx);
            service.delete(job);
            ApiServer.json(ctx, 200, ApiServer.JSON.createObjectNode().put("jobId", job.id()).put("deleted", true));
        });
        r.get("/v1/files/<key>", this::file);
    }

    private Job job(Context ctx) throws Exception {
        return service.find(ctx.attribute(ApiServer.KEY_ID), ctx.pathParam("jobId"));
    }

    private void submit(Context ctx) throws Exception {
        Job job = service.gate().through(() -> {
            List<Problem> repeated = new ArrayList<>();
            JsonNode request = Bodies.json(ctx, service.maxRequestBytes(), repeated);
            if (!request.isObject()) {
                throw new ApiError(400, "INVALID_MOVIE", "expected a JSON object like {\"movie\": {\"scenes\": [...]}}");
            }
            return service.submit(ctx.attribute(ApiServer.KEY_ID), request, Bodies.inMovie(repeated));
        });
        ApiServer.json(ctx, 202, ApiServer.JSON.createObjectNode().put("jobId", job.id()).put("status", job.status().word()));
    }

    private void list(Context ctx) throws Exception {
        int limit = Bodies.intParam(ctx, "limit", 20, 1, 100);
        Long before = Bodies.cursor(ctx, "cursor");
        List<Job> page = service.jobs().list(ctx.attribute(ApiServer.KEY_ID), limit + 1, before);
        ObjectNode body = ApiServer.JSON.createObjectNode();
        ArrayNode jobs = body.putArray("jobs");
        page.stream().limit(limit).forEach(j -> jobs.add(service.json().v1(j)));
        body.put("nextCursor", page.size() > limit ? Long.toString(page.get(limit - 1).seq()) : null);
        ApiServer.json(ctx, 200, body);
    }

    /**
     * Server-sent events: {@code progress} on every change, then {@code done}, {@code failed} or {@code cancelled}.
     * Written by hand rather than with Javalin's SSE helper, which answers only requests that send
     * {@code Accept: text/event-stream} (curl does not).
     */
    private void events(Context ctx) throws Exception {
        Job first = job(ctx); // 404 before the stream starts
        ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        String last = null;
        long until = System.currentTimeMillis() + EVENT_STREAM_MILLIS;
        Job job = first;
        service.openStreams().incrementAndGet();
        try {
            while (System.currentTimeMillis() < until) {
                ObjectNode shown = service.json().v1(job);
                String body = ApiServer.JSON.writeValueAsString(shown);
                if (job.status().finished()) {
                    send(out, job.status().word(), body);
                    return;
                }
                if (service.isStopping()) { // a last word, so that a client knows to reconnect rather than guess
                    ObjectNode bye = ApiServer.JSON.createObjectNode().put("code", "SERVER_STOPPING")
                            .put("message", "the server is stopping; the job is kept and goes on when the server is back: "
                                    + "reconnect to this stream to follow it");
                    bye.set("job", shown);
                    send(out, "shutdown", ApiServer.JSON.writeValueAsString(bye));
                    return;
                }
                shown.remove("updatedAt"); // a change is what a client would see change, not a timestamp
                String state = shown.toString();
                if (!state.equals(last)) {
                    send(out, "progress", body);
                    last = state;
                }
                Thread.sleep(EVENT_POLL_MILLIS);
                Optional<Job> now = service.jobs().find(first.id());
                if (now.isEmpty()) {
                    send(out, "error", "{\"code\":\"NOT_FOUND\",\"error\":\"job " + first.id() + " was deleted\"}");
                    return;
                }
                job = now.get();
            }
        } catch (java.io.IOException e) {
            // the client went away
        } finally {
            service.openStreams().decrementAndGet();
        }
    }

    private static void send(OutputStream out, String event, String data) throws java.io.IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    /** A stored file, with range requests (players seek). Opened by the API key of its job, or by its URL's token. */
    private void file(Context ctx) throws Exception {
        String key = ctx.pathParam("key");
        try {
            BlobStore.checkKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("file " + key);
        }
        String[] parts = key.split("/");
        if (parts.length != 3 || !parts[0].equals("outputs")) {
            throw ApiError.notFound("file " + key);
        }
        String token = ctx.queryParam("token");
        if (token != null) {
            if (!service.validToken(key, token)) {
                throw new ApiError(403, "FORBIDDEN", "the token does not open this file");
            }
        } else {
            service.find(ctx.attribute(ApiServer.KEY_ID), parts[1]);
        }
        Optional<Long> size = service.blobs().size(key);
        if (size.isEmpty()) {
            throw ApiError.notFound("file " + key);
        }
        Ranges.serve(ctx, service.blobs(), key, size.get(), contentType(key));
    }

    static String contentType(String key) {
        if (key.endsWith(".mp4")) {
            return "video/mp4";
        } else if (key.endsWith(".jpg")) {
            return "image/jpeg";
        } else if (key.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
