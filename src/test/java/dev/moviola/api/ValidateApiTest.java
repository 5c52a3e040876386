package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.TestMedia;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/validate} on the real server, with its sources on a local web server that counts its requests. */
class ValidateApiTest extends ServerTest {
    private LocalHttp assets;
    private String clip;

    @BeforeEach
    void serveAssets() {
        assets = new LocalHttp();
        clip = assets.serve("clip.mp4", TestMedia.countingVideo(dir, "clip.mp4", 10, 1.5));
    }

    @AfterEach
    void stopAssets() {
        assets.close();
    }

    /** A scene as long as its 1.5 s video (known only by probing it), then a 2 s scene. */
    private String movie(String videoUrl, String extra) {
        return """
                {"resolution": "custom", "width": 160, "height": 90, %s "scenes": [
                  {"elements": [{"type": "video", "src": "%s"}]},
                  {"duration": 2, "background-color": "#0000ff", "elements": []}]}""".formatted(extra, videoUrl);
    }

    @Test
    void aValidMovieGivesItsTimelineWithTheSceneLengthsItsSourcesMake() throws Exception {
        JsonNode answer = ok("POST", "/v1/validate", "{\"movie\": " + movie(clip, "") + "}", 200);
        assertThat(answer.path("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("problems").size()).as(answer.toString()).isZero();
        JsonNode scenes = answer.path("timeline").path("scenes");
        assertThat(scenes.size()).isEqualTo(2);
        assertThat(scenes.get(0).path("start").asDouble()).isEqualTo(0.0);
        double first = scenes.get(0).path("duration").asDouble();
        assertThat(first).isCloseTo(1.5, within(0.05)); // the video's length (its sound may run a frame or so longer)
        assertThat(scenes.get(1).path("start").asDouble()).isEqualTo(first);
        assertThat(scenes.get(1).path("duration").asDouble()).isEqualTo(2.0);
        assertThat(answer.path("timeline").path("duration").asDouble()).isCloseTo(first + 2, within(1e-9));
        assertThat(answer.path("timeline").path("width").asInt()).isEqualTo(160);
        assertThat(assets.hits("clip.mp4")).isPositive();
        // A bare movie, as POST /v2/movies takes it, is read the same way.
        JsonNode bare = ok("POST", "/v1/validate", movie(clip, ""), 200);
        assertThat(bare.path("timeline").path("scenes")).isEqualTo(scenes);
    }

    @Test
    void anInvalidMovieGivesEachProblemAtItsPath() throws Exception {
        String invalid = """
                {"movie": {"scenes": [{"duration": 2, "elements": [{"type": "video"}]}, {"duration": "long", "elements": []}]},
                 "renderOptions": {"qualityPreset": "best"}}""";
        JsonNode answer = ok("POST", "/v1/validate", invalid, 200);
        assertThat(answer.path("valid").asBoolean()).isFalse();
        assertThat(answer.path("timeline").isNull()).isTrue();
        List<String> paths = new ArrayList<>();
        answer.path("problems").forEach(p -> {
            assertThat(p.path("severity").asText()).isEqualTo("error");
            assertThat(p.path("message").asText()).isNotBlank();
            paths.add(p.path("path").asText());
        });
        assertThat(paths).contains("renderOptions.qualityPreset", "scenes[1].duration");
        assertThat(paths).anyMatch(p -> p.startsWith("scenes[0].elements[0]"));
        assertThat(assets.requests()).isZero();
        // The same problems, with the same paths, as a submission is refused with.
        JsonNode refused = JSON.readTree(call("POST", "/v1/render/jobs", invalid, KEY).body());
        List<String> refusedPaths = new ArrayList<>();
        refused.path("details").forEach(d -> refusedPaths.add(d.path("path").asText()));
        assertThat(refusedPaths).containsExactlyElementsOf(paths);
    }

    @Test
    void textThatIsNotJsonIsAProblemThatNamesItsLineAndColumn() throws Exception {
        JsonNode answer = ok("POST", "/v1/validate", "{\"movie\": {\"scenes\": [\n  {\"duration\": 1,, }]}}", 200);
        assertThat(answer.path("valid").asBoolean()).isFalse();
        assertThat(answer.path("problems").size()).isEqualTo(1);
        assertThat(answer.path("problems").get(0).path("path").asText()).isEmpty();
        assertThat(answer.path("problems").get(0).path("message").asText()).contains("line 2, column");
    }

    @Test
    void anUnknownKeyIsAWarningAndTheMovieStaysValid() throws Exception {
        JsonNode answer = ok("POST", "/v1/validate?timeline=false", "{\"movie\": " + movie(clip, "\"colour\": \"red\",") + "}", 200);
        assertThat(answer.path("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("problems").size()).as(answer.toString()).isEqualTo(1);
        JsonNode warning = answer.path("problems").get(0);
        assertThat(warning.path("severity").asText()).isEqualTo("warning");
        assertThat(warning.path("path").asText()).isEqualTo("colour");
        assertThat(warning.path("message").asText()).isNotBlank();
    }

    @Test
    void readingOnlyNeverFetchesASource() throws Exception {
        JsonNode answer = ok("POST", "/v1/validate?timeline=false", "{\"movie\": " + movie(clip, "") + "}", 200);
        assertThat(answer.path("valid").asBoolean()).isTrue();
        assertThat(answer.path("timeline").isNull()).isTrue();
        assertThat(assets.requests()).isZero();
        assertThat(call("POST", "/v1/validate?timeline=maybe", movie(clip, ""), KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void aSourceAtAPrivateAddressIsRefusedAsARenderRefusesIt() throws Exception {
        String privateSource = movie("http://10.0.0.1/clip.mp4", "");
        JsonNode answer = ok("POST", "/v1/validate", privateSource, 200);
        assertThat(answer.path("valid").asBoolean()).isFalse();
        assertThat(answer.path("timeline").isNull()).isTrue();
        JsonNode problem = answer.path("problems").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("scenes[0].elements[0].src");
        assertThat(problem.path("message").asText()).contains("private address").contains("http://10.0.0.1/clip.mp4");
        // A render job of the same movie fails for the same reason.
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + privateSource + "}", 202).path("jobId").asText();
        JsonNode job = awaitJob(jobId);
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.path("error").path("message").asText()).contains("private address");
    }

    @Test
    void withoutAGoodKeyNothingIsRead() throws Exception {
        HttpResponse<String> none = call("POST", "/v1/validate", "{\"movie\": " + movie(clip, "") + "}", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(call("POST", "/v1/validate", movie(clip, ""), "wrong-key").statusCode()).isEqualTo(401);
        assertThat(assets.requests()).isZero();
    }

    @Test
    void aBodyBeyondTheLimitIs413() throws Exception {
        String huge = "{\"movie\": {\"scenes\": [], \"x\": \"" + "a".repeat(6 * 1024 * 1024) + "\"}}";
        HttpResponse<String> r = call("POST", "/v1/validate", huge, KEY);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void plansBeyondTheFewAtOnceAreToldToComeBack() throws Exception {
        assets.delay(3000);
        String body = "{\"movie\": " + movie(clip, "") + "}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(ValidateApi.PLANNINGS + 1);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i <= ValidateApi.PLANNINGS; i++) {
                calls.add(pool.submit(() -> call("POST", "/v1/validate", body, KEY)));
            }
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> busy = null;
            for (var c : calls) {
                HttpResponse<String> r = c.get();
                statuses.add(r.statusCode());
                busy = r.statusCode() == 503 ? r : busy;
            }
            assertThat(statuses).containsOnly(200, 503).filteredOn(s -> s == 503).hasSize(1);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(busy.body()).path("code").asText()).isEqualTo("SERVER_BUSY");
        } finally {
            pool.shutdownNow();
        }
        // Reading only is not held up by plannings.
        assertThat(ok("POST", "/v1/validate?timeline=false", body, 200).path("valid").asBoolean()).isTrue();
    }

    /**
     * Validation says what a submission says: over mutated real movies, a movie that reading finds invalid is one a
     * submission refuses, with the same error paths, and a valid one is accepted (and then cancelled).
     */
    @Test
    void readingAgreesWithSubmissionOverMutatedMovies() throws Exception {
        List<JsonNode> seeds = new ArrayList<>(dev.moviola.testing.FuzzSeeds.all().values());
        java.util.Random random = new java.util.Random(0x7A11DA7EL);
        int valid = 0;
        for (int i = 0; i < 60; i++) {
            String movie = new dev.moviola.testing.MovieMutator(random).mutate(seeds.get(random.nextInt(seeds.size())));
            String request = "{\"movie\": " + movie + "}";
            String shown = movie.length() > 400 ? movie.substring(0, 400) + "…" : movie;
            JsonNode answer = ok("POST", "/v1/validate?timeline=false", request, 200);
            HttpResponse<String> submitted = call("POST", "/v1/render/jobs", request, KEY);
            List<String> errors = new ArrayList<>();
            answer.path("problems").forEach(p -> {
                if (p.path("severity").asText().equals("error")) {
                    errors.add(p.path("path").asText() + ": " + p.path("message").asText());
                }
            });
            if (answer.path("valid").asBoolean()) {
                valid++;
                assertThat(submitted.statusCode()).as(shown).isEqualTo(202);
                call("POST", "/v1/jobs/" + JSON.readTree(submitted.body()).path("jobId").asText() + "/cancel", null, KEY);
            } else {
                assertThat(submitted.statusCode()).as(shown).isEqualTo(400);
                List<String> refused = new ArrayList<>();
                JsonNode refusal = JSON.readTree(submitted.body());
                refusal.path("details").forEach(d -> refused.add(d.path("path").asText() + ": " + d.path("message").asText()));
                // Text the reader refuses as a whole (not JSON, nested too deeply) is one problem at the document;
                // validation lists a problem once where a refusal may repeat it.
                assertThat(errors).as(shown).isEqualTo(refused.isEmpty() ? List.of(": " + refusal.path("error").asText())
                        : refused.stream().distinct().toList());
            }
        }
        assertThat(valid).as("some mutated movies stay valid").isPositive();
        assertThat(valid).as("some mutated movies are invalid").isLessThan(60);
    }

    /** A planning that outlasts its time is stopped and reported as a problem. */
    @Test
    void aPlanningBeyondItsTimeIsStoppedAndReported() throws Exception {
        assets.delay(5000);
        ValidateApi validate = new ValidateApi(server.service(), java.time.Duration.ofSeconds(1));
        io.javalin.Javalin app = io.javalin.Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            validate.routes(c.routes);
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + app.port() + "/v1/validate"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(movie(clip, ""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(r.body());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(answer.path("valid").asBoolean()).isFalse();
            assertThat(answer.path("timeline").isNull()).isTrue();
            assertThat(answer.path("problems").get(0).path("message").asText()).contains("within 1 s")
                    .contains("timeline=false");
        } finally {
            app.stop();
            validate.close();
        }
    }
}
