package dev.moviola.cli;

import dev.moviola.api.EmbeddedServer;
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

/** {@code moviola serve}: the HTTP service in embedded mode — jobs, files and cache in one data directory. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the render service: the /v1 jobs API and "
        + "the JSON2Video-compatible /v2 API, on 127.0.0.1:8080 unless told otherwise; jobs are kept in a database in the "
        + "data directory (they survive restarts) and rendered in this process; with --database-url and --blob-store, by a"
        + " cluster of serve and moviola worker processes.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every interface)")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "jobs database, stored files, cache (default ./moviola-data)")
    java.nio.file.Path dataDir;

    @Option(names = "--api-key", paramLabel = "KEY", split = ",", description = {"accepted API key(s), comma-separated (default: $MOVIOLA_API_KEY, else one is created on first start);",
            "moviola keys create/list/revoke manage keys, also while the server runs"})
    java.util.List<String> apiKeys;

    @Option(names = "--rate-limit", paramLabel = "N", description = "requests a minute per API key, in bursts of up to N; more get 429 with Retry-After (default 600; 0: no limit)")
    Integer rateLimit;

    @Option(names = "--jobs", paramLabel = "N", description = "jobs planned or assembled at once (default 2); scenes render on max-concurrency threads")
    Integer jobs;

    @Option(names = "--public-url", paramLabel = "URL", description = "base of the URLs handed out (default http://HOST:PORT)")
    String publicUrl;

    @Option(names = "--worker", arity = "1", paramLabel = "BOOL", description = "whether this process renders too"
            + " (default true; false: a cluster's moviola worker processes render its jobs)")
    Boolean worker;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        put(flags, "port", port);
        put(flags, "host", host);
        put(flags, "data-dir", dataDir);
        put(flags, "api-key", apiKeys == null ? null : String.join(",", apiKeys));
        put(flags, "jobs", jobs);
        put(flags, "rate-limit", rateLimit);
        put(flags, "public-url", publicUrl);
        put(flags, "config", common.config);
        put(flags, "worker", worker);
        cluster.addTo(flags);
        ServiceSettings service = ServiceSettings.load(flags, System.getenv());
        ClusterOptions.quietLibraries();
        Settings settings = common.settings(service.renderDefaults(), "info");

        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(settings, service, new Ffmpeg(CommonOptions.locate(settings), ProcessObserver.NONE, settings.cpuLimit()));
        } catch (IOException e) { // the data directory in use or unreadable, no ffmpeg: a message, not a stack trace
            System.err.println("moviola serve: " + e.getMessage());
            return 1;
        }
        System.out.println("Moviola is listening on " + server.url() + " (" + (server.clustered() ? "work files and cache"
                : "data") + " in " + service.dataDir().toAbsolutePath() + ")");
        service.databaseUrl().ifPresent(url -> System.out.println("Jobs are kept in the PostgreSQL database " + url
                + ", shared with the cluster's other processes"));
        System.out.println(reach(service.host()));
        if (service.publicUrl().isEmpty() && !reach(service.host()).contains(" only")) {
            System.out.println("The links it hands out (outputUrl, callbacks) start with " + server.url() + "; set public-url"
                    + " (--public-url or MOVIOLA_PUBLIC_URL) to the address other machines reach it at");
        }
        server.createdKey().ifPresent(k -> System.out.println("API key (shown once; send it as the x-api-key header): " + k));
        if (server.clustered()) {
            System.out.println("Cluster mode: jobs in the shared database, files in the shared bucket; every moviola"
                    + " worker renders them" + (service.worker() ? ", and this process too" : " (this process does not:"
                    + " worker false)") + "; callbacks and webhooks are signed with the cluster's secret, kept in the"
                    + " database, unless webhook-secret is set");
        } else if (service.webhookSecret().isEmpty()) {
            System.out.println("Callbacks and webhooks are signed with the secret in "
                    + service.dataDir().resolve(EmbeddedServer.WEBHOOK_SECRET_FILE).toAbsolutePath());
        }
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "moviola-shutdown"));
        stopped.await();
        return 0;
    }

    /** Who can connect, said at start so that nobody exposes (or fails to expose) the service unknowingly. */
    static String reach(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "Listening on every network interface (" + host + "): other machines can connect (with an API key)";
        }
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]")) {
            return "Listening on " + host + " only: other machines cannot connect (--host 0.0.0.0 or MOVIOLA_HOST=0.0.0.0 lets them)";
        }
        return "Listening on " + host + " only";
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        ClusterOptions.put(flags, key, value);
    }
}
