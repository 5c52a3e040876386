package dev.moviola.node;

import dev.moviola.assemble.Thumbnail;
import dev.moviola.cache.BlobSharedTier;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.job.Courier;
import dev.moviola.job.DataDirLock;
import dev.moviola.job.Dialect;
import dev.moviola.job.Database;
import dev.moviola.job.Deliveries;
import dev.moviola.job.JobEngine;
import dev.moviola.job.JobStore;
import dev.moviola.job.Notices;
import dev.moviola.job.RenderJob;
import dev.moviola.pipeline.Stages;
import dev.moviola.storage.BlobStore;
import dev.moviola.storage.LocalBlobStore;
import dev.moviola.storage.S3BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's part of the render service, wired in one place: the job database and the blob store its settings
 * choose, the cache, the stages of a render, and the engine that runs jobs as durable tasks on them. {@code moviola
 * serve} runs one behind its HTTP API; a worker process runs one alone. What a job's watchers are told (callbacks,
 * webhooks) is the API's to shape, so it is given: {@code notices} and {@code courier}.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private final Database database;
    /** This process's hold on its data directory when the database does not give one (a shared database). */
    private final Dialect.Claim localDir;
    private final BlobStore blobs;
    private final JobStore jobs;
    private final JobEngine engine;
    private final Stages stages;
    /** Whether the engine runs (and so has something to stop). Set once, by the thread that starts the node. */
    private volatile boolean started;

    private Node(Database database, Dialect.Claim localDir, BlobStore blobs, JobStore jobs, JobEngine engine,
            Stages stages) {
        this.stages = stages;
        this.database = database;
        this.localDir = localDir;
        this.blobs = blobs;
        this.jobs = jobs;
        this.engine = engine;
    }

    /**
     * Wires the engine over an open job database (closed with the node, or at once when this fails) and the blob
     * store; it takes no job until {@link #start}. When the database is shared with other processes, this process
     * still keeps its work files and cache in a data directory of its own, which it locks.
     *
     * @param settings render settings as the service applies them (its address policy, its limits)
     */
    public static Node open(Database database, Settings settings, ServiceSettings service, Ffmpeg ffmpeg,
            Notices notices, Courier courier) throws IOException {
        Dialect.Claim localDir = null;
        try {
            if (!database.exclusive()) {
                localDir = DataDirLock.lock(service.dataDir(), "work files and cache");
            }
            BlobStore blobs = blobStore(service);
            JobStore jobs = new JobStore(database);
            CacheStore cache = cache(settings, blobs);
            Stages stages = new Stages(settings, ffmpeg, cache);
            RenderJob runner = new RenderJob(jobs, database.dataSource(), blobs, stages, settings, new Thumbnail(ffmpeg),
                    !database.exclusive());
            Deliveries deliveries = new Deliveries(database.dataSource(), notices, courier, service.deliveryAttempts(),
                    service.deliveryRetry());
            JobEngine engine = new JobEngine(database, jobs, runner, deliveries, service.worker() ? service.jobs() : 0,
                    service.worker() ? settings.maxConcurrency() : 0, service.shutdownGrace(),
                    new JobEngine.Timing(service.taskPoll(), service.taskHeartbeat()));
            return new Node(database, localDir, blobs, jobs, engine, stages);
        } catch (IOException | RuntimeException e) {
            if (localDir != null) {
                localDir.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Opens the job database (brought up to date), which {@link #open} then takes over; the caller closes it only
     * when it never reaches {@code open}. It has connections for the job threads, the scene threads and the API: the
     * PostgreSQL server of {@code database-url}, shared with the cluster's other processes (so never this process's
     * alone: what it finds unfinished may run elsewhere), else the embedded one in the data directory.
     */
    public static Database openDatabase(Settings settings, ServiceSettings service) throws IOException {
        int connections = service.jobs() + settings.maxConcurrency() + 8;
        if (service.databaseUrl().isPresent()) {
            return Database.open(service.databaseUrl().get(), connections);
        }
        return Database.open(service.dataDir(), connections);
    }

    /**
     * Where jobs keep their files (plans, intermediates, outputs): a directory in the data directory, or the bucket
     * that {@code blob-store} names, which every process of a cluster shares.
     */
    private static BlobStore blobStore(ServiceSettings service) throws IOException {
        if (service.storage().bucket().isPresent()) {
            S3BlobStore s3 = S3BlobStore.open(service.storage());
            try {
                s3.check();
            } catch (IOException | RuntimeException e) {
                s3.close();
                throw e;
            }
            LOG.info("job files and the shared cache are in {}{}", s3.bucket(),
                    service.storage().endpoint().map(e -> " at " + e).orElse(""));
            return s3;
        }
        return new LocalBlobStore(service.dataDir().resolve("blobs"));
    }

    /**
     * The cache: bounded, in the cache directory; with a bucket, the bucket's {@code cache/} behind it, so what one
     * machine renders is a hit on the others (the bucket is never evicted by Moviola: a lifecycle rule bounds it).
     */
    private static CacheStore cache(Settings settings, BlobStore blobs) {
        Path root = settings.cacheDir().resolve("store");
        if (blobs instanceof S3BlobStore s3) {
            return new CacheStore(root, settings.cacheMaxBytes(), new BlobSharedTier(s3, s3.bucket().toString()));
        }
        return new CacheStore(root, settings.cacheMaxBytes());
    }

    /** Starts taking jobs (and resumes those a previous process left unfinished). */
    public void start() throws SQLException {
        engine.start();
        started = true;
    }

    public Database database() {
        return database;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Whether the blob store is one that other machines reach (a bucket), not this machine's directory. */
    public boolean sharedBlobs() {
        return !(blobs instanceof LocalBlobStore);
    }

    public JobStore jobs() {
        return jobs;
    }

    public JobEngine engine() {
        return engine;
    }

    /** The stages jobs render with (the service's validation plans with the same cache and address policy). */
    public Stages stages() {
        return stages;
    }

    /** Stops taking jobs; running ones get the grace period, then resume at the next start. */
    @Override
    public void close() {
        if (started) {
            engine.close();
        }
        stages.close();
        database.close();
        if (localDir != null) {
            localDir.close();
        }
        if (blobs instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("could not close the blob store: {}", e.getMessage());
            }
        }
    }
}
