package dev.moviola.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.testing.TestFfmpeg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code moviola keys} against a {@code moviola serve} running as its own process on the same data directory (it
 * holds the directory's lock): a key created by the CLI works at once, a revoked one is refused at the very next
 * request, and nothing the CLI prints but {@code create}'s one line holds a secret.
 */
class KeysCommandTest {
    static final String SERVER_KEY = "server-key";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    Process server;

    record Run(int exit, String out, String err) {
    }

    /** The command line, in this process, with what it prints captured. */
    static Run moviola(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Run keys(String... args) {
        List<String> all = new ArrayList<>(List.of("keys"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        return moviola(all.toArray(String[]::new));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    /** Starts {@code moviola serve} as a child process; returns its URL once it listens. */
    String serve() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "dev.moviola.cli.Main",
                "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dir.resolve("data").toString(), "--api-key", SERVER_KEY,
                "--jobs", "1", "--ffmpeg", TestFfmpeg.installation().ffmpeg().toString())
                .redirectError(dir.resolve("server.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MOVIOLA_"));
        server = pb.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("Moviola is listening on ")) {
                        url.complete(line.substring("Moviola is listening on ".length()).split(" ")[0]);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.completeExceptionally(new AssertionError("the server stopped before listening; see server.log"));
        });
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }

    static HttpResponse<String> get(String url, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", key).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value of a {@code name:   value} line of create's output. */
    static String field(String out, String name) {
        return out.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow().substring(name.length() + 1).strip();
    }

    @Test
    void keysAreCreatedUsedAndRevokedWhileTheServerRuns() throws Exception {
        String url = serve();

        Run created = keys("create", "--label", "ci pipeline");
        assertThat(created.exit()).as(created.err()).isZero();
        String id = field(created.out(), "id");
        String key = field(created.out(), "key");
        assertThat(id).matches("key_[0-9a-f]{12}");
        assertThat(key).startsWith("mv_").hasSizeGreaterThan(40);
        assertThat(field(created.out(), "label")).isEqualTo("ci pipeline");
        assertThat(created.err()).contains("shown this once");

        assertThat(get(url + "/v1/jobs", key).statusCode()).isEqualTo(200);
        assertThat(get(url + "/v2/movies", key).statusCode()).isEqualTo(200);

        Run listed = keys("list");
        assertThat(listed.exit()).isZero();
        String row = listed.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertThat(row).contains("ci pipeline").endsWith("-");
        assertThat(listed.out()).startsWith("ID").contains("configured")
                .doesNotContain(key, sha256(key), SERVER_KEY, sha256(SERVER_KEY));

        Run revoked = keys("revoke", id);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked " + id + " (ci pipeline)");

        // The very next request with it is refused, as JSON, on both APIs; the server's own key still works.
        HttpResponse<String> refused = get(url + "/v1/jobs", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.path("error").asText()).contains("revoked");
        HttpResponse<String> refusedV2 = get(url + "/v2/movies", key);
        assertThat(refusedV2.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refusedV2.body()).path("success").asBoolean(true)).isFalse();
        assertThat(get(url + "/v1/jobs", SERVER_KEY).statusCode()).isEqualTo(200);

        Run after = keys("list", "--json");
        assertThat(after.exit()).isZero();
        JsonNode listedJson = JSON.readTree(after.out());
        JsonNode mine = null;
        for (JsonNode k : listedJson) {
            assertThat(k.has("hash") || k.has("key")).isFalse();
            mine = k.path("id").asText().equals(id) ? k : mine;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("revokedAt").isTextual()).isTrue();
        assertThat(after.out()).doesNotContain(key, sha256(key));
        String textRow = keys("list").out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertThat(textRow).doesNotEndWith("-").matches(".*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");

        Run again = keys("revoke", id);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("revoked already");

        Run unknown = keys("revoke", "key_000000000000");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no API key key_000000000000").contains("moviola keys list")
                .doesNotContain("Exception");

        // With the server stopped, the CLI takes the directory's lock itself and works the same.
        server.destroy();
        assertThat(server.waitFor(40, TimeUnit.SECONDS)).isTrue();
        Run stopped = keys("list");
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains(id);
    }

    @Test
    void withoutADatabaseEachCommandSaysSoAndCreatesNothing() {
        for (String[] args : List.of(new String[] {"list"}, new String[] {"create"}, new String[] {"revoke", "key_x"})) {
            Run r = keys(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).contains("moviola keys " + args[0] + ": there is no Moviola database in " + dir.resolve("data"))
                    .contains("--data-dir").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** With a cluster's database-url, keys live in PostgreSQL: created, listed and revoked there. */
    @Test
    void keysOfAClusterLiveInItsPostgresDatabase() throws Exception {
        String db = dev.moviola.cluster.LocalPostgres.shared().createDatabase();
        Run created = keys("create", "--label", "worker fleet", "--database-url", db);
        assertThat(created.exit()).as(created.err()).isZero();
        String id = field(created.out(), "id");
        assertThat(created.err()).contains("Every server using the database jdbc:postgresql://127.0.0.1:");
        Run listed = keys("list", "--database-url", db);
        assertThat(listed.out()).contains(id).contains("worker fleet");
        assertThat(keys("revoke", id, "--database-url", db).out()).contains("Revoked " + id);
        assertThat(dir.resolve("data")).as("nothing in the data directory").doesNotExist();

        Run unreachable = keys("list", "--database-url", "postgresql://app:hunter2@127.0.0.1:1/moviola");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("setting database-url").doesNotContain("hunter2").doesNotContain("\tat ");
    }

    @Test
    void helpNamesTheSubcommands() {
        Run help = moviola("keys", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("create", "list", "revoke", "while moviola serve runs");
        assertThat(moviola("--help").out()).contains("keys");
    }
}
