package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.job.Job;
import dev.moviola.movie.Problem;
import java.util.ArrayList;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The JSON2Video-compatible API (docs/service.md#the-json2video-api-v2): existing clients submit and poll movies unchanged. */
final class MoviesApi {
    private final Service service;

    MoviesApi(Service service) {
        this.service = service;
    }

    void routes(RoutesConfig r) {
        r.post("/v2/movies", this::submit);
        r.get("/v2/movies", this::get);
        r.delete("/v2/movies", this::delete);
    }

    private void submit(Context ctx) throws Exception {
        Job job = service.gate().through(() -> {
            ObjectNode request = ApiServer.JSON.createObjectNode();
            List<Problem> repeated = new ArrayList<>();
            request.set("movie", Bodies.json(ctx, service.maxRequestBytes(), repeated));
            return service.submit(ctx.attribute(ApiServer.KEY_ID), request, repeated);
        });
        ApiServer.json(ctx, 200, ApiServer.JSON.createObjectNode().put("success", true).put("project", job.project())
                .put("timestamp", Instant.now().toString()));
    }

    /** {@code ?project=}, or JSON2Video's alias {@code ?id=}; null when neither is given. */
    private static String project(Context ctx) {
        for (String name : List.of("project", "id")) {
            String v = ctx.queryParam(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** The key's movie with this project id; 404 naming the project as the client knows it. */
    private Job find(Context ctx, String project) throws Exception {
        return service.jobs().find(Job.idOf(project)).filter(j -> j.apiKeyId().equals(ctx.attribute(ApiServer.KEY_ID)))
                .orElseThrow(() -> ApiError.notFound("project " + project));
    }

    private void get(Context ctx) throws Exception {
        String project = project(ctx);
        String keyId = ctx.attribute(ApiServer.KEY_ID);
        if (project != null) {
            ObjectNode body = ApiServer.JSON.createObjectNode().put("success", true);
            body.set("movie", service.json().v2(find(ctx, project)));
            ApiServer.json(ctx, 200, body);
            return;
        }
        // JSON2Video's list shape: count, limit, has_next, has_prev, next_token, movies (newest first).
        int limit = Bodies.intParam(ctx, "limit", 100, 1, 100);
        Long before = Bodies.cursor(ctx, "next_token");
        List<Job> page = service.jobs().list(keyId, limit + 1, before);
        boolean more = page.size() > limit;
        ObjectNode body = ApiServer.JSON.createObjectNode().put("success", true)
                .put("count", Math.min(limit, page.size())).put("limit", limit)
                .put("has_next", more).put("has_prev", before != null)
                .put("next_token", more ? Long.toString(page.get(limit - 1).seq()) : null);
        ArrayNode movies = body.putArray("movies");
        page.stream().limit(limit).forEach(j -> movies.add(service.json().v2(j)));
        ApiServer.json(ctx, 200, body);
    }

    private void delete(Context ctx) throws Exception {
        String project = project(ctx);
        if (project == null) {
            throw new ApiError(400, "INVALID_REQUEST", "project: give the project id to delete, as ?project=...");
        }
        service.delete(find(ctx, project));
        ApiServer.json(ctx, 200, ApiServer.JSON.createObjectNode().put("success", true).put("project", project));
    }
}
