package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service (docs/service.md): the native jobs API under {@code /v1}, the JSON2Video-compatible API under
 * {@code /v2}, stored files under {@code /v1/files/}, and {@code /healthz}, {@code /version} and the movie format's JSON
 * Schema ({@code /schema/movie.json}) without a key.
 * {@code /v2}, stored files under {@code /v1/files/}, and {@code /healthz}, {@code /version} and {@code /metrics}
 * without a key.
 * {@code /v2}, stored files under {@code /v1/files/}, and {@code /healthz}, {@code /version} and the web playground
 * ({@code /}) without a key.
 * Every error is JSON (code, message, JSON paths), never a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY_ID = "moviola.keyId";

    private final Javalin app;
    private final ValidateApi validate;

    /**
     * Starts listening at once.
     *
     * @throws java.net.BindException when the address is taken or cannot be had, with a message for the operator
     */
    public ApiServer(String host, int port, Service service) throws java.net.BindException {
        JobsApi v1 = new JobsApi(service);
        MoviesApi v2 = new MoviesApi(service);
        ValidateApi validate = new ValidateApi(service, ValidateApi.TIMEOUT);
        this.validate = validate;
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = service.maxRequestBytes() + 1;
            config.startup.showJavalinBanner = false;
            config.routes.get("/healthz", ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
            config.routes.get("/version", ctx -> json(ctx, 200, service.version()));
            config.routes.before("/v1/*", ctx -> authenticate(ctx, service));
            config.routes.before("/v2/*", ctx -> authenticate(ctx, service));
            v1.routes(config.routes);
            v2.routes(config.routes);
            new SchemaApi().routes(config.routes);
            validate.routes(config.routes);
            new OpenApi().routes(config.routes);
            new MetricsApi(dev.moviola.metrics.PrometheusMeters.forProcess()).routes(config.routes);
            new PlaygroundApi().routes(config.routes);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, new ApiError(e.getStatus(),
                    e.getStatus() == 413 ? "PAYLOAD_TOO_LARGE" : e.getStatus() == 404 ? "NOT_FOUND" : "INVALID_REQUEST",
                    e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiError(500, "INTERNAL_ERROR", "the server failed to answer; the failure is logged"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, new ApiError(404, "NOT_FOUND", "no route " + ctx.method() + " " + ctx.path()));
                }
            });
        });
        try {
            this.app = app.start(host, port);
        } catch (io.javalin.util.JavalinBindException e) {
            app.stop();
            validate.close();
            throw new java.net.BindException("cannot listen on " + host + ":" + port + ": the port is in use by "
                    + "another process, or the address is not this machine's; stop it, or choose another --port or --host");
        }
    }

    public int port() {
        return app.port();
    }

    /** For tests in this package: the routes as Javalin holds them. */
    Javalin javalin() {
        return app;
    }

    /** The key's id for the routes, or 401; then the key's rate limit (429). */
    private static void authenticate(Context ctx, Service service) throws Exception {
        if (ctx.path().startsWith("/v1/files/") && ctx.queryParam("token") != null) {
            return; // the file route checks its token
        }
        String key = ctx.header("x-api-key");
        var id = service.keys().authenticate(key);
        if (id.isEmpty()) {
            throw new ApiError(401, "UNAUTHORIZED", key == null ? "send your API key in the x-api-key header"
                    : "the API key is not valid (or was revoked)");
        }
        long wait = service.rateLimiter().acquire(id.get());
        if (wait > 0) {
            throw ApiError.rateLimited(service.rateLimiter().perMinute(), wait);
        }
        ctx.attribute(KEY_ID, id.get());
    }

    static void json(Context ctx, int status, JsonNode body) throws Exception {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    /** {@code /v2} errors in JSON2Video's shape, the others in the /v1 shape. */
    private static void error(Context ctx, ApiError e) {
        ObjectNode body;
        if (ctx.path().startsWith("/v2/")) {
            body = JSON.createObjectNode().put("success", false).put("message", message(e));
        } else {
            body = JSON.createObjectNode().put("error", e.getMessage()).put("code", e.code);
            var details = body.putArray("details");
            for (Problem p : e.details) {
                details.addObject().put("path", p.path()).put("message", p.message());
            }
        }
        if (e.retryAfter > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfter));
        }
        try {
            ctx.status(e.status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (Exception never) {
            ctx.status(500);
        }
    }

    /** One message with every problem in it once, each after its JSON path. */
    private static String message(ApiError e) {
        if (e.details.isEmpty()) {
            return e.getMessage();
        }
        if (e.details.size() == 1) { // the message already tells the one problem, without its path
            Problem p = e.details.get(0);
            String m = e.getMessage();
            String head = m.endsWith(": " + p.message()) ? m.substring(0, m.length() - p.message().length() - 2) : m;
            return p.path().isEmpty() ? m : head + ": " + p.path() + ": " + p.message();
        }
        StringBuilder b = new StringBuilder(e.getMessage());
        for (Problem p : e.details) {
            b.append("; ").append(p.path()).append(": ").append(p.message());
        }
        return b.toString();
    }

    @Override
    public void close() {
        app.stop();
        validate.close();
    }
}
