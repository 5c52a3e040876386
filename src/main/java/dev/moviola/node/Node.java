package dev.moviola.node;

import dev.moviola.assemble.Thumbnail;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.job.Courier;
import dev.moviola.job.Database;
import dev.moviola.job.Deliveries;
import dev.moviola.job.JobEngine;
import dev.moviola.job.JobStore;
import dev.moviola.job.Notices;
import dev.moviola.job.RenderJob;
import dev.moviola.pipeline.Stages;
import dev.moviola.storage.BlobStore;
import dev.moviola.storage.LocalBlobStore;
import java.io.IOException;
import java.sql.SQLException;

/**
 * One process's part of the render service, wired in one place: the job database and the blob store its settings
 * choose, the cache, the stages of a render, and the engine that runs jobs as durable tasks on them. {@code moviola
 * serve} runs one behind its HTTP API; a worker process runs one alone. What a job's watchers are told (callbacks,
 * webhooks) is the API's to shape, so it is given: {@code notices} and {@code courier}.
 */
public final class Node implements AutoCloseable {
    private final Database database;
    private final BlobStore blobs;
    private final JobStore jobs;
    private final JobEngine engine;
    /** Whether the engine runs (and so has something to stop). Set once, by the thread that starts the node. */
    private volatile boolean started;

    private Node(Database database, BlobStore blobs, JobStore jobs, JobEngine engine) {
        this.database = database;
        this.blobs = blobs;
        this.jobs = jobs;
        this.engine = engine;
    }

    /**
     * Opens the job database and the blob store and wires the engine, which takes no job until {@link #start}.
     *
     * @param settings render settings as the service applies them (its address policy, its limits)
     */
    public static Node open(Settings settings, ServiceSettings service, Ffmpeg ffmpeg, Notices notices, Courier courier)
            throws IOException {
        Database database = database(settings, service);
        try {
            BlobStore blobs = blobStore(service);
            JobStore jobs = new JobStore(database);
            CacheStore cache = new CacheStore(settings.cacheDir().resolve("store"), settings.cacheMaxBytes());
            RenderJob runner = new RenderJob(jobs, database.dataSource(), blobs, new Stages(settings, ffmpeg, cache),
                    settings, new Thumbnail(ffmpeg));
            Deliveries deliveries = new Deliveries(database.dataSource(), notices, courier, service.deliveryAttempts(),
                    service.deliveryRetry());
            JobEngine engine = new JobEngine(database, jobs, runner, deliveries, service.jobs(),
                    settings.maxConcurrency(), service.shutdownGrace(),
                    new JobEngine.Timing(service.taskPoll(), service.taskHeartbeat()));
            return new Node(database, blobs, jobs, engine);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The job database, with connections for the job threads, the scene threads and the API: the PostgreSQL
     * server of {@code database-url}, shared with the cluster's other processes (so never this process's alone:
     * what it finds unfinished may run elsewhere), else the embedded one in the data directory.
     */
    private static Database database(Settings settings, ServiceSettings service) throws IOException {
        int connections = service.jobs() + settings.maxConcurrency() + 8;
        if (service.databaseUrl().isPresent()) {
            return Database.open(service.databaseUrl().get(), connections);
        }
        return Database.open(service.dataDir(), connections);
    }

    /** Where jobs keep their files (plans, intermediates, outputs): today a directory in the data directory. */
    private static BlobStore blobStore(ServiceSettings service) {
        return new LocalBlobStore(service.dataDir().resolve("blobs"));
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

    public JobStore jobs() {
        return jobs;
    }

    public JobEngine engine() {
        return engine;
    }

    /** Stops taking jobs; running ones get the grace period, then resume at the next start. */
    @Override
    public void close() {
        if (started) {
            engine.close();
        }
        database.close();
    }
}
