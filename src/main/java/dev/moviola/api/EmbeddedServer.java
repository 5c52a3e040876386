package dev.moviola.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.assemble.Thumbnail;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.job.Database;
import dev.moviola.job.Deliveries;
import dev.moviola.job.JobEngine;
import dev.moviola.job.JobStore;
import dev.moviola.job.RenderJob;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.storage.LocalBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The service in embedded mode, wired: the job database, blobs and cache in one data directory, a worker pool in
 * this process, the HTTP API. {@code moviola serve} runs one; tests start them on free ports.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** Where the webhook secret made at first start is kept (unless one is configured). */
    public static final String WEBHOOK_SECRET_FILE = "webhook-secret";

    private final Database db;
    private final JobEngine engine;
    private final ApiServer server;
    private final Service service;
    private final String url;
    private final String createdKey;

    private EmbeddedServer(Database db, JobEngine engine, ApiServer server, Service service, String url,
            String createdKey) {
        this.db = db;
        this.engine = engine;
        this.server = server;
        this.service = service;
        this.url = url;
        this.createdKey = createdKey;
    }

    /**
     * Starts the server. Whatever {@code settings} say, it reads only what SPEC §7 allows a server: public
     * addresses (and the {@code fetch-allow} list), local files only under {@code local-dirs}.
     */
    public static EmbeddedServer start(Settings given, ServiceSettings service, Ffmpeg ffmpeg)
            throws IOException, SQLException {
        Settings settings = given.withAccess(given.access().restrict());
        Database db = Database.open(service.dataDir(), service.jobs() + settings.maxConcurrency() + 8);
        try {
            JobStore jobs = new JobStore(db);
            LocalBlobStore blobs = new LocalBlobStore(service.dataDir().resolve("blobs"));
            ApiKeys keys = new ApiKeys(db.dataSource());
            for (String k : service.apiKeys()) {
                keys.ensure(k, "configured");
            }
            String moviola = String.valueOf(EmbeddedServer.class.getPackage().getImplementationVersion());
            JobJson json = new JobJson(null, new UrlSigner(secret(service.dataDir(), "secret")));
            byte[] webhookSecret = service.webhookSecret().isPresent()
                    ? service.webhookSecret().get().getBytes(StandardCharsets.UTF_8)
                    : secret(service.dataDir(), WEBHOOK_SECRET_FILE);
            Deliveries deliveries = new Deliveries(db.dataSource(), new Notifications(json, settings),
                    new WebhookPoster(settings.access().policy(), webhookSecret, moviola), service.deliveryAttempts(), service.deliveryRetry());
            RenderJob runner = new RenderJob(jobs, db.dataSource(), blobs, new Pipeline(settings, ffmpeg), settings,
                    new Thumbnail(ffmpeg));
            JobEngine engine = new JobEngine(db, jobs, runner, deliveries, service.jobs(),
                    settings.maxConcurrency(), service.shutdownGrace());
            ObjectNode version = JsonNodeFactory.instance.objectNode().put("moviola", moviola)
                    .put("ffmpeg", ffmpeg.installation().version());
            Service api = new Service(settings, jobs, engine, blobs, keys, json, service.maxRequestBytes(),
                    service.maxActiveJobsPerKey(), new RateLimiter(service.rateLimit()), version);
            ApiServer server = new ApiServer(service.host(), service.port(), api); // before a key is made to show
            String url = service.publicUrl().orElse("http://" + (service.host().equals("0.0.0.0") ? "localhost" : service.host())
                    + ":" + server.port());
            api.baseUrl(url);
            try {
                // made once the port is ours (the usual reason serve cannot start), so it is shown when made
                String created = keys.count() == 0 ? keys.create("created at first start").key() : null;
                engine.start();
                return new EmbeddedServer(db, engine, server, api, url, created);
            } catch (SQLException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** For tests in this package. */
    Service service() {
        return service;
    }

    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    /** The API key made because none existed, to show once. */
    public Optional<String> createdKey() {
        return Optional.ofNullable(createdKey);
    }

    /** Stops answering, lets running jobs finish within the grace period (the rest resume at the next start). */
    @Override
    public void close() {
        server.close();
        engine.close();
        db.close();
    }

    /**
     * A secret made once and kept in the data directory, readable by its owner only: {@code secret} signs file
     * URLs, {@code webhook-secret} callbacks and webhooks (receivers are given the latter, never the former).
     * The file holds 64 hex digits; its text is the key.
     */
    private static byte[] secret(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (!Files.exists(file)) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            Path tmp = Files.createTempFile(dataDir, ".secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own permissions apply
            }
            Files.writeString(tmp, HexFormat.of().formatHex(b));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
    }
}
