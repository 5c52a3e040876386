package dev.moviola.cli;

import dev.moviola.api.Worker;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.ProcessObserver;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moviola worker}: renders for the serve processes of a cluster, from their database and bucket. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Render jobs for a cluster: take planning, scene,"
        + " sound and assembly tasks from the PostgreSQL database and the bucket that the serve processes share (the same"
        + " --database-url and --blob-store as theirs); no HTTP API. Any number of workers on any machines.")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "this worker's work files and local cache, one directory per process (default ./moviola-data)")
    java.nio.file.Path dataDir;

    @Option(names = "--jobs", paramLabel = "N", description = "jobs planned or assembled at once (default 2); scenes render on max-concurrency threads")
    Integer jobs;

    @Option(names = "--public-url", paramLabel = "URL", description = "the address clients reach the serve processes at (required: callbacks carry file URLs)")
    String publicUrl;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        ClusterOptions.put(flags, "data-dir", dataDir);
        ClusterOptions.put(flags, "jobs", jobs);
        ClusterOptions.put(flags, "public-url", publicUrl);
        ClusterOptions.put(flags, "config", common.config);
        cluster.addTo(flags);
        ServiceSettings service = ServiceSettings.load(flags, System.getenv());
        ClusterOptions.quietLibraries();
        Settings settings = common.settings(service.renderDefaults(), "info");
        Worker worker;
        try {
            worker = Worker.start(settings, service, new Ffmpeg(CommonOptions.locate(settings), ProcessObserver.NONE,
                    settings.cpuLimit()));
        } catch (IOException e) { // the database or bucket unreachable, the data directory in use: a message
            System.err.println("moviola worker: " + e.getMessage());
            return 1;
        }
        System.out.println("Moviola worker is taking tasks (work files and cache in " + service.dataDir().toAbsolutePath() + ")");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "moviola-shutdown"));
        stopped.await();
        return 0;
    }
}
