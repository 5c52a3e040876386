package dev.moviola.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Receiver;
import dev.moviola.testing.Slow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster of docs/cluster.md on loopback — a real PostgreSQL, an S3-compatible bucket, and {@code moviola serve}
 * and {@code moviola worker} processes — rendering, losing processes to {@code kill -9}, and taking submissions on
 * two serve processes at once.
 */
@Slow
class ClusterTest {
    static LocalPostgres pg;
    static LocalS3 s3;
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    final Receiver receiver = new Receiver();
    Cluster cluster;

    @BeforeAll
    static void servers() throws Exception {
        LocalPostgres.assumeAvailable();
        pg = LocalPostgres.shared();
        s3 = LocalS3.start(shared.resolve("s3"));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        receiver.close();
    }

    /** Settings that make a dead process's task come back within seconds, not a minute. */
    static Map<String, String> fast() {
        return Map.of("MOVIOLA_TASK_HEARTBEAT", "1", "MOVIOLA_DELIVERY_RETRY", "0.5", "MOVIOLA_MAX_CONCURRENCY", "2");
    }

    static String movie(int scenes, double seconds) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < scenes; i++) {
            s.append(i == 0 ? "" : ", ").append(("{\"duration\": %s, \"background-color\": \"#%02x%02x%02x\", \"elements\":"
                    + " [{\"type\": \"text\", \"text\": \"scene %d\", \"settings\": {\"font-size\": \"40px\"}}]}")
                    .formatted(seconds, 20 * i + 30, 200 - 15 * i, 90, i));
        }
        return "{\"resolution\": \"custom\", \"width\": 320, \"height\": 180, \"scenes\": [" + s + "]}";
    }

    String submit(String url, String movie) throws Exception {
        return Cluster.call(url, "POST", "/v1/render/jobs", "{\"movie\": " + movie + ", \"callbackUrl\": \""
                + receiver.url("/cb") + "\"}").path("jobId").asText();
    }

    /** The jobs of the {@code done} callbacks received, one entry per callback. */
    List<String> doneCallbacks() throws Exception {
        List<String> ids = new ArrayList<>();
        for (Receiver.Post p : receiver.posts("/cb")) {
            JsonNode body = Cluster.JSON.readTree(p.body());
            if (body.path("event").asText().equals("done")) {
                ids.add(body.path("jobId").asText(body.path("id").asText()));
            }
        }
        return ids;
    }

    /** Scenes each process rendered, from the lines its log has for them. */
    static long partsStarted(Cluster.Member m) throws Exception {
        return m.logLines().stream().filter(l -> l.contains(": part ") && l.contains(" started by ")).count();
    }

    @Test
    void oneServeAndTwoWorkersRenderTheMovieTheEmbeddedServiceRenders() throws Exception {
        cluster = new Cluster(pg, s3, dir.resolve("cluster"), List.of(), fast());
        Cluster.Member serve = cluster.serve("serve", "--worker", "false");
        Cluster.Member a = cluster.worker("worker-a");
        Cluster.Member b = cluster.worker("worker-b");
        String movie = movie(10, 1);
        JsonNode job = Cluster.await(serve.url(), submit(serve.url(), movie), Duration.ofMinutes(3));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(partsStarted(a)).as("scenes worker a rendered").isPositive();
        assertThat(partsStarted(b)).as("scenes worker b rendered").isPositive();
        assertThat(partsStarted(serve)).as("a serve process told not to render").isZero();
        Path clustered = Cluster.download(job.path("outputUrl").asText(), dir.resolve("cluster.mp4"));

        Path embedded = dir.resolve("embedded.mp4");
        Path movieFile = java.nio.file.Files.writeString(dir.resolve("movie.json"), movie);
        Process render = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.moviola.cli.Main", "render", movieFile.toString(), "-o",
                embedded.toString(), "--no-cache", "--ffmpeg", dev.moviola.testing.TestFfmpeg.installation().ffmpeg().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("render.log").toFile()).start();
        assertThat(render.waitFor()).as("moviola render; see render.log").isZero();
        assertThat(Decoded.frameHashes(clustered)).isEqualTo(Decoded.frameHashes(embedded));
        assertThat(cluster.keys("intermediates/")).as("intermediates left in the bucket").isEmpty();

        // Another job with one scene changed: the other nine come from the bucket's scene cache, whichever worker
        // rendered them and whichever takes them now.
        String edited = movie.replace("scene 4", "scene four");
        JsonNode again = Cluster.await(serve.url(), submit(serve.url(), edited), Duration.ofMinutes(3));
        assertThat(again.path("status").asText()).as(again.toString()).isEqualTo("done");
        assertThat(again.path("cache").path("scenesHit").asInt()).as(again.path("cache").toString()).isEqualTo(9);
        assertThat(again.path("cache").path("scenesRendered").asInt()).isEqualTo(1);
    }

    @Test
    void aWorkerKilledWhileRenderingASceneLosesNothing() throws Exception {
        cluster = new Cluster(pg, s3, dir.resolve("cluster"), List.of("-Dmoviola.bench.scene-wait-ms=1500"), fast());
        Cluster.Member serve = cluster.serve("serve", "--worker", "false");
        Cluster.Member a = cluster.worker("worker-a");
        Cluster.Member b = cluster.worker("worker-b");
        String id = submit(serve.url(), movie(6, 1));
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Cluster.Member victim = null;
        while (victim == null && System.nanoTime() < until) {
            victim = partsStarted(a) > 0 ? a : partsStarted(b) > 0 ? b : null;
            Thread.sleep(50);
        }
        assertThat(victim).as("a worker started a scene").isNotNull();
        victim.kill(); // in the middle of the scene's 1.5 s wait
        Cluster.Member survivor = victim == a ? b : a;
        JsonNode job = Cluster.await(serve.url(), id, Duration.ofMinutes(3));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(Decoded.frameCount(Cluster.download(job.path("outputUrl").asText(), dir.resolve("out.mp4"))))
                .isEqualTo(6 * 25);
        assertThat(partsStarted(survivor)).isPositive();
        Thread.sleep(1500); // a second callback, were there one, would have been sent by now
        assertThat(doneCallbacks()).as("done callbacks").containsExactly(id);
        assertThat(cluster.keys("intermediates/")).as("intermediates left in the bucket").isEmpty();
    }

    @Test
    void theServeProcessKilledMidJobAndStartedAgainFinishesIt() throws Exception {
        cluster = new Cluster(pg, s3, dir.resolve("cluster"), List.of("-Dmoviola.bench.scene-wait-ms=800"), fast());
        Cluster.Member serve = cluster.serve("serve");
        cluster.worker("worker");
        String id = submit(serve.url(), movie(6, 1));
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partsStarted(serve) == 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        serve.kill();
        Cluster.Member again = cluster.serve("serve");
        JsonNode job;
        try {
            job = Cluster.await(again.url(), id, Duration.ofMinutes(3));
        } catch (Exception e) {
            throw new AssertionError(String.join("\n", again.logLines()), e);
        }
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(Decoded.frameCount(Cluster.download(job.path("outputUrl").asText(), dir.resolve("out.mp4"))))
                .isEqualTo(6 * 25);
    }

    @Test
    void aHundredSubmissionsOnTwoServeProcessesMakeAHundredJobsEachDoneOnce() throws Exception {
        cluster = new Cluster(pg, s3, dir.resolve("cluster"), List.of(), fast());
        Cluster.Member one = cluster.serve("serve-1");
        Cluster.Member two = cluster.serve("serve-2");
        String movie = movie(1, 0.5);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String url = i % 2 == 0 ? one.url() : two.url();
            ids.add(pool.submit(() -> submit(url, movie)));
        }
        Set<String> jobs = new HashSet<>();
        for (Future<String> f : ids) {
            jobs.add(f.get());
        }
        pool.shutdown();
        assertThat(jobs).hasSize(100);
        for (String id : jobs) {
            assertThat(Cluster.await(one.url(), id, Duration.ofMinutes(4)).path("status").asText()).isEqualTo("done");
        }
        Thread.sleep(1500);
        List<String> done = doneCallbacks();
        assertThat(done).as("one done callback per job").hasSize(100).containsExactlyInAnyOrderElementsOf(jobs);
    }
}
