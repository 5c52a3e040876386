import dev.moviola.cluster.Cluster;
import dev.moviola.cluster.LocalPostgres;
import dev.moviola.cluster.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cluster scaling (bench/cluster.sh): the same 12-scene job on 1, 2 and 4 workers of a local cluster (PostgreSQL and
 * an S3-compatible server on loopback), each scene standing in for a heavy one by waiting (so this machine's cores
 * are not the limit: the scenes themselves are five frames), each worker taking 3 scenes at once. Prints each run's time, the speed-ups against one worker,
 * and the dispatch latency: from a scene being due to a worker starting it, in the 4-worker runs (where a worker
 * thread is free for every scene).
 *
 *   java -cp … bench/ClusterBench.java [runs=2] [scene-wait-ms=15000]
 */
public class ClusterBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long waitMs = args.length > 1 ? Long.parseLong(args[1]) : 15000;
        Path dir = Files.createTempDirectory("moviola-cluster-bench");
        int[] sizes = {1, 2, 4};
        double[][] times = new double[sizes.length][runs];
        List<Long> latencies = new ArrayList<>();
        try (LocalPostgres pg = LocalPostgres.start(dir.resolve("pg")); LocalS3 s3 = LocalS3.start(dir.resolve("s3"))) {
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < sizes.length; i++) {
                    int n = sizes[i];
                    try (Cluster c = new Cluster(pg, s3, dir.resolve("run" + run + "-" + n),
                            List.of("-Dmoviola.bench.scene-wait-ms=" + waitMs),
                            Map.of("MOVIOLA_MAX_CONCURRENCY", "3"))) {
                        Cluster.Member serve = c.serve("serve", "--worker", "false");
                        List<Cluster.Member> workers = new ArrayList<>();
                        for (int w = 0; w < n; w++) {
                            workers.add(c.worker("worker-" + w));
                        }
                        long t0 = System.nanoTime();
                        String id = Cluster.call(serve.url(), "POST", "/v1/render/jobs", "{\"movie\": " + movie()
                                + ", \"renderOptions\": {\"requestedConcurrency\": 12}}").path("jobId").asText();
                        String status = Cluster.await(serve.url(), id, Duration.ofMinutes(10)).path("status").asText();
                        times[i][run] = (System.nanoTime() - t0) / 1e9;
                        if (!status.equals("done")) {
                            throw new IllegalStateException("job " + id + " ended " + status + "; logs in " + c.dir());
                        }
                        if (n == 4) {
                            for (Cluster.Member w : workers) {
                                for (String line : w.logLines()) {
                                    int at = line.indexOf(" ms after it was due");
                                    if (line.contains(": part ") && at > 0) {
                                        latencies.add(Long.parseLong(line.substring(line.lastIndexOf(", ", at) + 2, at)));
                                    }
                                }
                            }
                        }
                        System.out.printf(Locale.ROOT, "run %d: %d worker(s): %.1f s%n", run + 1, n, times[i][run]);
                    }
                }
            }
        }
        double one = median(times[0]);
        System.out.printf(Locale.ROOT, "12 scenes of %.1f s each, 3 at once per worker, median of %d run(s):%n",
                waitMs / 1000.0, runs);
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf(Locale.ROOT, "  %d worker(s): %6.1f s   speed-up %.2fx%n", sizes[i], median(times[i]),
                    one / median(times[i]));
        }
        latencies.sort(null);
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "dispatch latency (due to started, %d scenes on 4 workers): p50 %d ms, p90 %d ms,"
                    + " max %d ms%n", latencies.size(), latencies.get(latencies.size() / 2),
                    latencies.get((int) Math.min(latencies.size() - 1, Math.round(latencies.size() * 0.9))),
                    latencies.get(latencies.size() - 1));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Twelve 0.2 s scenes at 320x180 (five frames each), each its own colour and title: next to the wait they stand in
     * with, rendering them costs this machine next to nothing, even all twelve at once.
     */
    static String movie() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append(i == 0 ? "" : ", ").append(("{\"duration\": 0.2, \"background-color\": \"#%02x%02x50\", \"elements\":"
                    + " [{\"type\": \"text\", \"text\": \"scene %d %d\"}]}").formatted(15 * i + 20, 200 - 10 * i, i,
                    System.nanoTime()));
        }
        return "{\"resolution\": \"custom\", \"width\": 320, \"height\": 180, \"scenes\": [" + s + "]}";
    }
}
