package dev.moviola.api;

import dev.moviola.config.ServiceSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.job.Database;
import dev.moviola.node.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A {@link Node} as the service runs it, in a serve process or a worker: render settings restricted to what a
 * server may read (docs/security.md: public addresses and the {@code fetch-allow} list, local files only under
 * {@code local-dirs}), and the API's way of telling a job's watchers (callbacks and webhooks, signed with the
 * service's secrets, carrying file URLs signed alike), so that whichever process finishes a job tells its watchers
 * the same thing.
 *
 * @param settings the render settings as the service applies them
 * @param json     how jobs are shown, which the HTTP API shares
 */
record ServiceNode(Settings settings, Node node, JobJson json) {

    static ServiceNode open(Settings given, ServiceSettings service, Ffmpeg ffmpeg) throws IOException {
        Settings settings = given.withAccess(given.access().restrict());
        Files.createDirectories(service.dataDir());
        Database db = Node.openDatabase(settings, service);
        try {
            JobJson json = new JobJson(service.publicUrl().orElse(null),
                    new UrlSigner(Secrets.get(db, service.dataDir(), "secret")));
            byte[] webhookSecret = service.webhookSecret().isPresent()
                    ? service.webhookSecret().get().getBytes(StandardCharsets.UTF_8)
                    : Secrets.get(db, service.dataDir(), EmbeddedServer.WEBHOOK_SECRET_FILE);
            Node node = Node.open(db, settings, service, ffmpeg, new Notifications(json, settings),
                    new WebhookPoster(settings.access().policy(), webhookSecret, version()));
            return new ServiceNode(settings, node, json);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** This Moviola's version, as the service reports it. */
    static String version() {
        return String.valueOf(ServiceNode.class.getPackage().getImplementationVersion());
    }
}
