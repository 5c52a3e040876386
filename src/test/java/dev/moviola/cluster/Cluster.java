package dev.moviola.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.testing.TestFfmpeg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A cluster on loopback for tests and bench/cluster.sh: one PostgreSQL database and one bucket (of a
 * {@link LocalPostgres} and a {@link LocalS3} that may be shared by several clusters), and {@code moviola serve} and
 * {@code moviola worker} processes started on them, each with its own data directory and log file.
 */
public final class Cluster implements AutoCloseable {
    public static final String KEY = "cluster-key";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalPostgres pg;
    private final LocalS3 s3;
    private final Path dir;
    private final String databaseUrl;
    private final String bucket;
    private final List<Member> members = new ArrayList<>();
    private final List<String> javaOptions;
    private final Map<String, String> env;
    private String publicUrl;
    private final Map<String, Integer> ports = new java.util.HashMap<>();

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One process of the cluster. */
    public record Member(String name, Process process, Path log, String url) {
        /** The lines of its log so far. */
        public List<String> logLines() throws IOException {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        }

        public void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * @param javaOptions options for every process's JVM (e.g. {@code -Dmoviola.bench.scene-wait-ms=2000})
     * @param env         settings for every process, as {@code MOVIOLA_*} variables
     */
    public Cluster(LocalPostgres pg, LocalS3 s3, Path dir, List<String> javaOptions, Map<String, String> env)
            throws Exception {
        this.pg = pg;
        this.s3 = s3;
        this.dir = Files.createDirectories(dir);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.databaseUrl = pg.createDatabase();
        this.bucket = "cluster-" + id;
        s3.createBucket(bucket);
        this.javaOptions = List.copyOf(javaOptions);
        this.env = Map.copyOf(env);
    }

    /**
     * Starts a serve process; the first one's URL becomes the cluster's public URL (the workers'). A process started
     * again under the same name listens on the same port, as a restarted server would.
     */
    public Member serve(String name, String... args) throws Exception {
        int port = ports.computeIfAbsent(name, n -> freePort());
        List<String> a = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--api-key", KEY,
                "--rate-limit", "0"));
        a.addAll(List.of(args));
        Member m = start(name, a, "Moviola is listening on ");
        if (publicUrl == null) {
            publicUrl = m.url();
        }
        return m;
    }

    /** Starts a worker process (after a serve process, whose URL it hands out in callbacks). */
    public Member worker(String name, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("worker"));
        a.addAll(List.of(args));
        return start(name, a, "Moviola worker is taking tasks");
    }

    private Member start(String name, List<String> args, String ready) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx512m"));
        cmd.addAll(javaOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.moviola.cli.Main"));
        cmd.addAll(args);
        cmd.addAll(List.of("--data-dir", dir.resolve(name).toString(), "--ffmpeg",
                TestFfmpeg.installation().ffmpeg().toString()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("MOVIOLA_") || k.startsWith("AWS_"));
        e.put("MOVIOLA_DATABASE_URL", databaseUrl);
        e.put("MOVIOLA_BLOB_STORE", "s3://" + bucket + "/movies");
        e.put("MOVIOLA_S3_ENDPOINT", s3.endpoint());
        e.put("MOVIOLA_S3_PATH_STYLE", "true");
        e.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        e.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        e.put("AWS_REGION", "us-east-1");
        e.put("MOVIOLA_FETCH_ALLOW", "127.0.0.1"); // the tests' callback receivers are on loopback
        if (args.get(0).equals("worker")) {
            e.put("MOVIOLA_PUBLIC_URL", publicUrl);
        }
        e.putAll(env);
        Process p = pb.start();
        CompletableFuture<String> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(ready)) {
                        up.complete(line.startsWith("Moviola is listening on ")
                                ? line.substring("Moviola is listening on ".length()).split(" ")[0] : "");
                    }
                }
            } catch (IOException ex) {
                // the process ended
            }
            String said;
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                said = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException ex) {
                said = "(no log)";
            }
            up.completeExceptionally(new AssertionError(name + " stopped before it was ready; its log ends:\n" + said));
        }, name + "-out");
        reader.setDaemon(true);
        reader.start();
        Member m = new Member(name, p, log, up.get(90, TimeUnit.SECONDS));
        members.add(m);
        return m;
    }

    /** An API call to a serve process; fails on a status of 300 or more. */
    public static JsonNode call(String url, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("x-api-key", KEY)
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Waits until a job is finished; returns it. */
    public static JsonNode await(String url, String jobId, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode job = call(url, "GET", "/v1/jobs/" + jobId, null);
            String status = job.path("status").asText();
            if (status.equals("done") || status.equals("failed") || status.equals("cancelled")) {
                return job;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("job " + jobId + " still " + status + " after " + within + ": " + job);
            }
            Thread.sleep(200);
        }
    }

    /** Downloads a file the API hands out (the output). */
    public static Path download(String fileUrl, Path to) throws Exception {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(fileUrl)).header("x-api-key", KEY)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + fileUrl + ": " + r.statusCode());
        }
        return to;
    }

    /** The keys in the cluster's bucket under a prefix (below the cluster's own prefix). */
    public List<String> keys(String prefix) {
        try (S3Client c = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))).build()) {
            return c.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix("movies/" + prefix)
                    .build()).contents().stream().map(S3Object::key).toList();
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        for (Member m : members) {
            m.kill();
        }
    }
}
