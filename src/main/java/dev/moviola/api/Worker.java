package dev.moviola.api;

import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.node.Node;
import java.io.IOException;
import java.sql.SQLException;

/**
 * A worker of a cluster ({@code moviola worker}): the job engine of a {@link Node} with no HTTP API, taking the
 * tasks of jobs that serve processes accepted (planning, scenes, sound, transitions, assembly, callbacks) from the
 * shared database, and the files they need from the shared bucket. It tells a job's watchers what a serve process
 * would, so it must know the address clients reach the service at ({@code public-url}), for the file URLs in
 * callbacks.
 */
public final class Worker implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Worker.class);

    private final Node node;

    private Worker(Node node) {
        this.node = node;
    }

    /**
     * Starts taking tasks.
     *
     * @throws IOException also when the settings do not make a cluster (an embedded database or a local blob store
     *                     is this machine's alone) or lack the public URL
     */
    public static Worker start(Settings settings, ServiceSettings service, Ffmpeg ffmpeg) throws IOException, SQLException {
        if (service.publicUrl().isEmpty()) {
            throw new dev.moviola.config.InvalidSettingException("setting public-url: a worker needs it (--public-url or"
                    + " MOVIOLA_PUBLIC_URL): the address clients reach the serve processes at, for the file URLs in the"
                    + " callbacks it sends");
        }
        ServiceNode wired = ServiceNode.open(settings, service, ffmpeg);
        Node node = wired.node();
        try {
            if (node.database().exclusive() || !node.sharedBlobs()) {
                throw new dev.moviola.config.InvalidSettingException("setting database-url and blob-store: a worker"
                        + " renders for serve processes that share its database and bucket; give it"
                        + " the same --database-url (postgresql://…) and --blob-store (s3://bucket/prefix) as them"
                        + " (with the embedded database and data directory, moviola serve renders by itself)");
            }
            node.start();
            LOG.info("Worker ready: {} scenes at once, {} jobs planned or assembled at once", settings.maxConcurrency(),
                    service.jobs());
            return new Worker(node);
        } catch (SQLException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Stops taking tasks; running ones get the grace period, then are handed back to the cluster. */
    @Override
    public void close() {
        LOG.info("Worker stopping: running tasks have the shutdown grace to finish, the rest go back to the cluster");
        node.close();
        LOG.info("Worker stopped");
    }
}
