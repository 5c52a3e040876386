package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Compiled;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.plan.TimelineReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/validate} (docs/service.md#validate-without-rendering): a movie's problems, each at its JSON path,
 * and its resolved timeline, as {@code moviola validate --json} shows them, without a job. The movie is read exactly
 * as a submission reads it ({@link Service#check}); its timeline is planned as a render job plans it
 * ({@link Service#compile}: the server's address policy, download limits and cache).
 *
 * <p>Answers 200 whatever the movie's state. Reading only ({@code ?timeline=false}, for linting as one types)
 * shares the submissions' gate; planning fetches and probes sources, so few run at once (a busy server answers 503
 * with {@code Retry-After} at once rather than queueing) and each within a time limit.
 */
final class ValidateApi {
    /** Plannings at once: each may download sources and run ffmpeg probes. */
    static final int PLANNINGS = 2;
    /** How long a planning may take by default: a render's planning downloads within similar limits. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long a request waits for a planning's place before it is told to come back. */
    private static final Duration PLACE_WAIT = Duration.ofSeconds(1);

    private final Service service;
    private final SubmissionGate plannings;
    private final Duration timeout;
    private final ExecutorService pool;

    /** @param timeout how long a planning may take before it is stopped and reported as a problem */
    ValidateApi(Service service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
        this.plannings = new SubmissionGate(PLANNINGS, PLACE_WAIT, "movies' timelines");
        this.pool = Executors.newFixedThreadPool(PLANNINGS, r -> {
            Thread t = new Thread(r, "validate-planning");
            t.setDaemon(true);
            return t;
        });
    }

    void routes(RoutesConfig r) {
        r.post("/v1/validate", this::validate);
    }

    /** Stops plannings still running (the server is stopping). */
    void close() {
        pool.shutdownNow();
    }

    private void validate(Context ctx) throws Exception {
        boolean timeline = timelineParam(ctx);
        SubmissionGate gate = timeline ? plannings : service.gate();
        ApiServer.json(ctx, 200, gate.through(() -> answer(ctx, timeline)));
    }

    private static boolean timelineParam(Context ctx) {
        String v = ctx.queryParam("timeline");
        if (v == null || v.isBlank()) {
            return true;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiError(400, "INVALID_REQUEST", "timeline: expected true or false, got \"" + v + "\"");
        };
    }

    private ObjectNode answer(Context ctx, boolean timeline) throws InterruptedException {
        List<Problem> repeated = new ArrayList<>();
        JsonNode body;
        try {
            body = Bodies.json(ctx, service.maxRequestBytes(), repeated);
        } catch (ApiError e) {
            if (e.status != 400) {
                throw e; // 413: the body is beyond the limits, as for a submission
            }
            return result(List.of(Problem.error("", e.getMessage())), null);
        }
        if (!body.isObject()) {
            return result(List.of(Problem.error("", "expected a JSON object like {\"movie\": {\"scenes\": [...]}}")), null);
        }
        // A job request as POST /v1/render/jobs takes it, or a bare movie as POST /v2/movies takes it.
        ObjectNode request = body.has("movie") ? (ObjectNode) body : ApiServer.JSON.createObjectNode().set("movie", body);
        List<Problem> problems = new ArrayList<>(body.has("movie") ? Bodies.inMovie(repeated) : repeated);
        CheckedRequest checked = service.check(request);
        problems.addAll(checked.problems());
        if (!checked.errors().isEmpty() || !timeline) {
            return result(problems, null);
        }
        Future<Compiled> planning = pool.submit(() -> service.compile(checked.document(), checked.options()));
        try {
            Compiled compiled = planning.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            problems.addAll(compiled.warnings());
            return result(problems, TimelineReport.json(compiled.plan()));
        } catch (TimeoutException e) {
            planning.cancel(true);
            problems.add(Problem.error("", "the movie's sources could not be fetched and probed within " + timeout.toSeconds()
                    + " s; check that they answer quickly, or validate with ?timeline=false to check the document only"));
        } catch (ExecutionException e) {
            problems.addAll(problems(e.getCause()));
        } catch (InterruptedException e) {
            planning.cancel(true);
            throw e;
        }
        return result(problems, null);
    }

    /** What stopped a planning, at the JSON paths it names. */
    private static List<Problem> problems(Throwable failure) {
        if (failure instanceof InvalidMovieException e) {
            return e.problems();
        }
        if (failure instanceof RenderFailure f) {
            List<Problem> sources = f.sourceProblems();
            return sources.isEmpty() ? List.of(Problem.error("", f.getMessage())) : sources;
        }
        if (failure instanceof RuntimeException r) {
            throw r; // logged by the server, answered 500
        }
        throw new IllegalStateException(failure);
    }

    /** {@code {valid, problems, timeline}}: each problem once, in the order found. */
    private static ObjectNode result(List<Problem> problems, ObjectNode timeline) {
        List<Problem> once = List.copyOf(new LinkedHashSet<>(problems));
        ObjectNode out = ApiServer.JSON.createObjectNode().put("valid", once.stream().noneMatch(Problem::isError));
        ArrayNode list = out.putArray("problems");
        for (Problem p : once) {
            list.addObject().put("severity", p.severity().name().toLowerCase(Locale.ROOT)).put("path", p.path())
                    .put("message", p.message());
        }
        out.set("timeline", timeline);
        return out;
    }
}
