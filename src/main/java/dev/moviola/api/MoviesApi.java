package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.job.Job;
import dev.moviola.movie.Problem;
import java.util.ArrayList;
import java.util.List;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The JSON2Video-compatible API (README: The service): existing clients submit and poll movies unchanged. */
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

    private void get(Context ctx) throws Exception {
        String project = ctx.queryParam("project");
        String keyId = ctx.attribute(ApiServer.KEY_ID);
        if (project != null && !project.isBlank()) {
            Job job = service.find(keyId, Job.idOf(project.trim()));
            ObjectNode body = ApiServer.JSON.createObjectNode().put("success", true);
            body.set("movie", service.json().v2(job));
            ApiServer.json(ctx, 200, body);
            return;
        }
        int limit = Bodies.intParam(ctx, "limit", 20, 1, 100);
        Long before = Bodies.cursor(ctx, "next_token");
        List<Job> page = service.jobs().list(keyId, limit + 1, before);
        ObjectNode body = ApiServer.JSON.createObjectNode().put("success", true);
        ArrayNode movies = body.putArray("movies");
        page.stream().limit(limit).forEach(j -> movies.add(service.json().v2(j)));
        body.put("next_token", page.size() > limit ? Long.toString(page.get(limit - 1).seq()) : null);
        ApiServer.json(ctx, 200, body);
    }

    private void delete(Context ctx) throws Exception {
        String project = ctx.queryParam("project");
        if (project == null || project.isBlank()) {
            throw new ApiError(400, "INVALID_REQUEST", "project: give the project id to delete, as ?project=...");
        }
        service.delete(service.find(ctx.attribute(ApiServer.KEY_ID), Job.idOf(project.trim())));
        ApiServer.json(ctx, 200, ApiServer.JSON.createObjectNode().put("success", true).put("project", project.trim()));
    }
}
