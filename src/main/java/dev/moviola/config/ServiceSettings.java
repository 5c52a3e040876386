package dev.moviola.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The settings of {@code moviola serve}, read with the same precedence as {@link Settings} (flag, then
 * {@code MOVIOLA_*} environment, then the config file, then the default).
 *
 * @param port             HTTP port (0: any free port, printed at start-up)
 * @param host             address to listen on
 * @param dataDir          the job database, the stored files ({@code blobs/}), the cache and work files
 * @param apiKeys          keys accepted besides those stored (they are stored, hashed, at start-up)
 * @param jobs             jobs planned or assembled at once by this process (their scenes render on the
 *                         {@code max-concurrency} scene threads, shared by all jobs)
 * @param maxActiveJobsPerKey queued plus running jobs one API key may have; more is refused with 409
 * @param rateLimit        requests a minute one API key may send (a burst of as many, then evenly spread); more
 *                         are refused with 429 and {@code Retry-After}; 0: no limit
 * @param maxRequestBytes  largest request body
 * @param shutdownGrace    on SIGTERM, how long running jobs may go on before they are stopped (they resume at
 *                         the next start)
 * @param publicUrl        the base of the URLs handed out ({@code outputUrl}); default {@code http://host:port}
 * @param webhookSecret    the key that signs callbacks and webhooks; default: one made at first start and kept in
 *                         {@code data-dir/webhook-secret}
 * @param deliveryAttempts tries of a callback or webhook before it is given up
 * @param deliveryRetry    the wait after a failed try; it doubles with each further try (±20 %)
 * @param databaseUrl      a PostgreSQL server for the jobs, shared by every process of a cluster; empty: the embedded
 *                         SQLite database of the data directory, for this process alone
 * @param taskPoll         how often each process looks for due tasks in the database besides being woken (a task
 *                         scheduled in this process, or announced by another on PostgreSQL, starts at once)
 * @param taskHeartbeat    how often a process marks the tasks it runs as alive; a task whose marks stop for
 *                         {@value #MISSED_HEARTBEATS} of them (its process died) is run again by another process
 * @param storage          where job files and the shared cache live: the data directory, or a bucket
 * @param worker           whether this serve process renders too (a worker inside serve); false leaves rendering to
 *                         the {@code moviola worker} processes of a cluster
 */
public record ServiceSettings(int port, String host, Path dataDir, List<String> apiKeys,
        int jobs, int maxActiveJobsPerKey, int rateLimit, long maxRequestBytes, Duration shutdownGrace, Optional<String> publicUrl,
        Optional<String> webhookSecret, int deliveryAttempts, Duration deliveryRetry, Optional<DatabaseUrl> databaseUrl,
        Duration taskPoll, Duration taskHeartbeat, StorageSettings storage, boolean worker) {

    public static final List<String> KEYS = Stream.concat(Stream.of("port", "host", "data-dir", "api-key", "jobs",
            "max-active-jobs-per-key", "rate-limit", "max-request-bytes", "shutdown-grace", "public-url", "webhook-secret",
            "delivery-attempts", "delivery-retry", "database-url", "task-poll", "task-heartbeat", "worker"), StorageSettings.KEYS.stream()).toList();

    /** Heartbeats a running task may miss before another process takes it over (db-scheduler's default). */
    public static final int MISSED_HEARTBEATS = 6;

    /** Loopback: a server started to try Moviola is not reachable from the network until told to be. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServiceSettings {
        apiKeys = List.copyOf(apiKeys);
    }

    public static ServiceSettings load(Map<String, String> flags, Map<String, String> env) {
        Map<String, String> m = Settings.merge(flags, env, KEYS);
        String port = m.getOrDefault("port", "8080").trim();
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("setting port: expected a port number, got \"" + port + "\"", e);
        }
        if (p < 0 || p > 65535) {
            throw new InvalidSettingException("setting port: expected 0 to 65535, got " + p);
        }
        return new ServiceSettings(p, m.getOrDefault("host", DEFAULT_HOST),
                Settings.path(m, "data-dir").orElse(Path.of("moviola-data")),
                Arrays.stream(m.getOrDefault("api-key", "").split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList(),
                (int) Math.min(64, Settings.bytes(m, "jobs", 2)),
                (int) Math.min(100_000, Settings.bytes(m, "max-active-jobs-per-key", 100)),
                rateLimit(m.get("rate-limit")),
                Settings.bytes(m, "max-request-bytes", 5L << 20),
                Settings.duration(m, "shutdown-grace", Duration.ofSeconds(30)),
                Optional.ofNullable(m.get("public-url")).filter(s -> !s.isBlank()).map(u -> u.replaceAll("/+$", "")),
                Optional.ofNullable(m.get("webhook-secret")).map(String::trim).filter(s -> !s.isEmpty()),
                (int) Math.max(1, Math.min(50, Settings.bytes(m, "delivery-attempts", 6))),
                Settings.duration(m, "delivery-retry", Duration.ofSeconds(20)),
                Optional.ofNullable(m.get("database-url")).filter(s -> !s.isBlank()).map(DatabaseUrl::parse),
                positive(m, "task-poll", Duration.ofSeconds(1)),
                positive(m, "task-heartbeat", Duration.ofSeconds(10)),
                StorageSettings.from(m),
                Settings.bool(m, "worker", true));
    }

    /** A duration of at least 10 ms (a scheduler cannot wait for nothing). */
    private static Duration positive(Map<String, String> m, String key, Duration defaultValue) {
        Duration d = Settings.duration(m, key, defaultValue);
        if (d.toMillis() < 10) {
            throw new InvalidSettingException("setting " + key + ": expected a positive time in seconds (e.g. 0.5 or 10),"
                    + " got \"" + m.get(key) + "\"");
        }
        return d;
    }

    /** Requests a minute: a whole number, 0 to 1 000 000 (0 turns the limit off); 600 by default. */
    private static int rateLimit(String v) {
        if (v == null) {
            return 600;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidSettingException("setting rate-limit: expected requests a minute per API key, 0 (no limit) to"
                + " 1000000, got \"" + v + "\"");
    }

    /** Render settings for the service: its cache and work files live in the data directory unless set. */
    public Map<String, String> renderDefaults() {
        return Map.of("cache-dir", dataDir.resolve("cache").toString(), "work-dir", dataDir.resolve("work").toString());
    }
}
