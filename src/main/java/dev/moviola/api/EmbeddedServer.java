package dev.moviola.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.job.JobEngine;
import dev.moviola.job.JobStatus;
import dev.moviola.metrics.Meters;
import dev.moviola.metrics.PrometheusMeters;
import dev.moviola.node.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The service in embedded mode: a {@link Node} (the job database, blobs and cache in one data directory, the job
 * engine with its workers in this process) behind the HTTP API. {@code moviola serve} runs one; tests start them on
 * free ports.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** Where the webhook secret made at first start is kept (unless one is configured). */
    public static final String WEBHOOK_SECRET_FILE = "webhook-secret";

    private final Node node;
    private final ApiServer server;
    private final Service service;
    private final String url;
    private final String createdKey;
    private final java.time.Duration shutdownGrace;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedServer.class);
    /** How long a stop waits for event streams to send their last event (they look every 200 ms). */
    private static final java.time.Duration STREAMS_WAIT = java.time.Duration.ofSeconds(2);

    /** The job gauges of /metrics reading this server's database, until it stops. */
    private final PrometheusMeters.Watch watching;

    private EmbeddedServer(Node node, ApiServer server, Service service, String url, String createdKey,
            java.time.Duration shutdownGrace, PrometheusMeters.Watch watching) {
        this.watching = watching;
        this.shutdownGrace = shutdownGrace;
        this.node = node;
        this.server = server;
        this.service = service;
        this.url = url;
        this.createdKey = createdKey;
    }

    /**
     * Starts the server. Whatever {@code settings} say, it reads only what a server may (docs/security.md):
     * public addresses (and the {@code fetch-allow} list), local files only under {@code local-dirs}.
     */
    public static EmbeddedServer start(Settings given, ServiceSettings service, Ffmpeg ffmpeg)
            throws IOException, SQLException {
        // Made beside the database's opening (loading the metrics library takes a few hundred milliseconds), and
        // installed before the node starts, so no event of a job is missed.
        java.util.concurrent.CompletableFuture<PrometheusMeters> made =
                java.util.concurrent.CompletableFuture.supplyAsync(PrometheusMeters::forProcess);
        ServiceNode wired = ServiceNode.open(given, service, ffmpeg.alsoObserved(Meters.ffmpegProcesses()));
        Node node = wired.node();
        try {
            if (!service.worker() && (node.database().exclusive() || !node.sharedBlobs())) {
                throw new dev.moviola.config.InvalidSettingException("setting worker: false leaves rendering to moviola"
                        + " worker processes, which need a cluster: set database-url (postgresql://…) and blob-store"
                        + " (s3://…), or leave worker at true");
            }
            if (!node.database().exclusive() && !node.sharedBlobs()) {
                LOG.warn("The jobs are in a shared database but the files in this machine's {}: no other process can"
                        + " render them or serve their results; set blob-store (s3://…) on every process of a cluster",
                        service.dataDir().resolve("blobs"));
            }
            ApiKeys keys = new ApiKeys(node.database().dataSource());
            for (String k : service.apiKeys()) {
                keys.ensure(k, "configured");
            }
            ObjectNode version = JsonNodeFactory.instance.objectNode().put("moviola", ServiceNode.version())
                    .put("ffmpeg", ffmpeg.installation().version());
            Service api = new Service(wired.settings(), node.jobs(), node.engine(), node.stages(), node.blobs(), keys, wired.json(),
                    service.maxRequestBytes(), service.maxActiveJobsPerKey(), new RateLimiter(service.rateLimit()), version);
            PrometheusMeters meters = made.join();
            ApiServer server = new ApiServer(service.host(), service.port(), api); // before a key is made to show
            String url = service.publicUrl().orElse("http://" + (service.host().equals("0.0.0.0") ? "localhost" : service.host())
                    + ":" + server.port());
            api.baseUrl(url);
            try {
                // made once the port is ours (the usual reason serve cannot start), so it is shown when made
                String created = keys.count() == 0 ? keys.create("created at first start").key() : null;
                node.start();
                PrometheusMeters.Watch watching = meters.watch(new PrometheusMeters.JobCounts() {
                    @Override
                    public Map<String, Long> jobsByStatus() throws SQLException {
                        return node.jobs().countByStatus();
                    }

                    @Override
                    public Map<String, Long> tasksWaiting() throws SQLException {
                        return node.engine().tasksWaiting();
                    }
                }, Arrays.stream(JobStatus.values()).map(JobStatus::word).toList(), JobEngine.QUEUES);
                return new EmbeddedServer(node, server, api, url, created, service.shutdownGrace(), watching);
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** For tests in this package. */
    Service service() {
        return service;
    }

    /** For tests in this package. */
    ApiServer apiServer() {
        return server;
    }

    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    /** Whether other processes share this server's database (a cluster), rather than it being this data directory's. */
    public boolean clustered() {
        return !node.database().exclusive();
    }

    /** The API key made because none existed, to show once. */
    public Optional<String> createdKey() {
        return Optional.ofNullable(createdKey);
    }

    /**
     * Stops answering, lets running jobs finish within the grace period (the rest resume at the next start). Open
     * event streams first get a {@code shutdown} event; each step is logged, for whoever watches a stop.
     */
    @Override
    public void close() {
        LOG.info("Shutting down: no new requests; running jobs have up to {} s to finish, the rest resume at the next start",
                shutdownGrace.toSeconds());
        service.stopping();
        long until = System.nanoTime() + STREAMS_WAIT.toNanos();
        while (service.openStreams().get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close();
        watching.close();
        node.close();
        LOG.info("Stopped");
    }
}
