package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.cli.Main;
import dev.moviola.testing.TestFfmpeg;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import dev.moviola.testing.Slow;

/** What a client sees of the per-key limits: requests a minute (429 with Retry-After), jobs at once (409). */
class ApiAuthTest extends ServerTest {
    static final String OTHER = "other-key";

    @Override
    Map<String, String> settings() {
        return Map.of("rate-limit", "5", "api-key", KEY + "," + OTHER);
    }

    @Test
    @Slow
    void overTheRateLimitAKeyGets429WithRetryAfterAndOtherKeysGoOn() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/v1/jobs", null, KEY).statusCode()).as("request " + (i + 1)).isEqualTo(200);
        }
        HttpResponse<String> limited = call("GET", "/v1/jobs", null, KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 12L);
        JsonNode body = JSON.readTree(limited.body());
        assertThat(body.path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.path("error").asText()).contains("5 requests a minute").contains("retry in");

        HttpResponse<String> limitedV2 = call("POST", "/v2/movies", twoColours("#ff0000", "#00ff00"), KEY);
        assertThat(limitedV2.statusCode()).isEqualTo(429);
        assertThat(limitedV2.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(limitedV2.body()).path("success").asBoolean(true)).isFalse();
        assertThat(JSON.readTree(limitedV2.body()).path("message").asText()).contains("5 requests a minute");

        assertThat(call("GET", "/v1/jobs", null, OTHER).statusCode()).as("another key has its own budget").isEqualTo(200);
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);

        long wait = Long.parseLong(call("GET", "/v1/jobs", null, KEY).headers().firstValue("Retry-After").orElseThrow());
        Thread.sleep(TimeUnit.SECONDS.toMillis(wait));
        assertThat(call("GET", "/v1/jobs", null, KEY).statusCode()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void v2SubmissionsCountTowardsTheActiveJobLimitOfTheKey() throws Exception {
        server.close();
        start(Map.of("max-active-jobs-per-key", "1", "jobs", "1", "rate-limit", "0"));
        String slow = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"duration": 4, "elements": []}]}""";
        HttpResponse<String> first = call("POST", "/v2/movies", slow, KEY);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String project = JSON.readTree(first.body()).path("project").asText();

        HttpResponse<String> second = call("POST", "/v2/movies", slow, KEY);
        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode refused = JSON.readTree(second.body());
        assertThat(refused.path("success").asBoolean(true)).isFalse();
        assertThat(refused.path("message").asText()).contains("1 jobs queued or rendering");
        HttpResponse<String> viaV1 = call("POST", "/v1/render/jobs", "{\"movie\": " + slow + "}", KEY);
        assertThat(viaV1.statusCode()).as("one count for both APIs").isEqualTo(409);
        assertThat(JSON.readTree(viaV1.body()).path("code").asText()).isEqualTo("CONCURRENCY_LIMIT_EXCEEDED");
        assertThat(call("POST", "/v2/movies", slow, OTHER).statusCode()).as("another key").isEqualTo(200);

        long until = System.currentTimeMillis() + 120_000;
        while (!ok("GET", "/v2/movies?project=" + project, null, 200).path("movie").path("status").asText().equals("done")) {
            assertThat(System.currentTimeMillis()).as("the first movie finished").isLessThan(until);
            Thread.sleep(100);
        }
        assertThat(call("POST", "/v2/movies", slow, KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyMadeByTheCliInThisProcessWorksUntilRevokedAndTheServerKeepsItsLock() throws Exception {
        Path data = dir.resolve("data");
        String created = cli("keys", "create", "--label", "in-process", "--data-dir", data.toString());
        String key = created.lines().filter(l -> l.startsWith("key:")).findFirst().orElseThrow().substring(4).strip();
        String id = created.lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        assertThat(call("GET", "/v1/jobs", null, key).statusCode()).isEqualTo(200);
        assertThat(cli("keys", "revoke", id, "--data-dir", data.toString())).contains("Revoked " + id);
        HttpResponse<String> refused = call("GET", "/v1/jobs", null, key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");

        // The CLI opened the database beside the server without touching the lock: a second server is still refused.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process second = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "dev.moviola.cli.Main",
                "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString(),
                "--ffmpeg", TestFfmpeg.installation().ffmpeg().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("second.log").toFile()).start();
        try {
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second server gave up").isTrue();
        } finally {
            second.destroyForcibly();
        }
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("second.log"))).contains("moviola serve: the data directory")
                .contains("is in use by another Moviola server").doesNotContain("\tat ");
    }

    /** Runs the command line in this process; returns what it printed on stdout (it must succeed). */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exit).as(List.of(args) + ": " + err).isZero();
        return out.toString();
    }
}
