package dev.moviola.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's meters in Micrometer's Prometheus registry, for {@code GET /metrics} (docs/operations.md#metrics).
 * Every meter of ours is named {@code moviola_…}, in base units (seconds, bytes), with labels from small fixed sets
 * (a status, a phase, a cache layer, a provider): never a job id, a URL or a key. The JVM's and the process's basics
 * (memory, threads, CPU, uptime) keep Micrometer's standard names, which stock dashboards know.
 */
public final class PrometheusMeters implements Meters {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMeters.class);
    /** One per process, made by the first server that starts: the events it records are the process's (see Meters). */
    private static PrometheusMeters process;

    /** Buckets of the phase and scene histograms: from a cached step (milliseconds) to a long render (10 min). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
            Duration.ofSeconds(600)};
    static final List<String> PHASES = List.of("planning", "sound", "transitions", "assembling", "uploading");
    static final List<String> FINISHED = List.of("done", "failed", "cancelled");
    static final List<Provider> PROVIDERS = List.of(Provider.speech("azure"), Provider.speech("elevenlabs"),
            Provider.speech("openai"), Provider.images("openai"), Provider.images("image-api"),
            Provider.images("replicate"), Provider.transcription("openai"), Provider.transcription("transcription-api"));
    /** How long one reading of the job database serves the gauges: a scrape reads it once, not once per gauge. */
    private static final long SNAPSHOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter fetched;
    private final Counter submitted;
    private final AtomicInteger ffmpegActive = new AtomicInteger();
    private final Map<String, Counter> finished = new ConcurrentHashMap<>();
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final Map<String, Counter> cache = new ConcurrentHashMap<>();
    private final Map<Provider, Counter> calls = new ConcurrentHashMap<>();
    private final Map<Provider, Counter> failures = new ConcurrentHashMap<>();
    private final Timer sceneRendered;
    private final Timer sceneCached;
    private final Counter ffmpegOk;
    private final Counter ffmpegFailed;
    /** What the job gauges read: the store of the server that watches now, or none. */
    private volatile Watched watched;
    private boolean gaugesRegistered;

    /** Tests make their own; the process has {@link #forProcess()}. */
    PrometheusMeters() {
        fetched = Counter.builder("moviola.fetched").baseUnit("bytes")
                .description("Bytes of sources downloaded (not taken from the element cache)").register(registry);
        submitted = Counter.builder("moviola.jobs.submitted").description("Jobs accepted by this process")
                .register(registry);
        for (String s : FINISHED) {
            finished.put(s, Counter.builder("moviola.jobs.finished").tag("status", s)
                    .description("Jobs this process moved into a finished state, by that state").register(registry));
        }
        for (String p : PHASES) {
            phases.put(p, timer("moviola.phase.duration", "Time this process spent on a step of a render, by step",
                    Tags.of("phase", p)));
        }
        sceneRendered = timer("moviola.scene.duration", "Time a scene's clip took: rendered (cache=miss) or taken from"
                + " the scene cache (cache=hit)", Tags.of("cache", "miss"));
        sceneCached = timer("moviola.scene.duration", "", Tags.of("cache", "hit"));
        for (Layer l : Layer.values()) {
            for (String r : List.of("hit", "miss")) {
                cache.put(l.word() + r, Counter.builder("moviola.cache.lookups").tags("layer", l.word(), "result", r)
                        .description("Cache lookups by layer: found (hit) or made anew (miss)").register(registry));
            }
        }
        PROVIDERS.forEach(this::providerCounters);
        Gauge.builder("moviola.ffmpeg.processes", ffmpegActive, AtomicInteger::get)
                .description("ffmpeg and ffprobe processes running now").register(registry);
        ffmpegOk = Counter.builder("moviola.ffmpeg.runs").tag("outcome", "ok")
                .description("ffmpeg and ffprobe processes that ended, by outcome (exit code 0 or not)").register(registry);
        ffmpegFailed = Counter.builder("moviola.ffmpeg.runs").tag("outcome", "failed").register(registry);
    }

    /** The process's meters, made and {@linkplain Meters#install installed} on the first call. */
    public static synchronized PrometheusMeters forProcess() {
        if (process == null) {
            process = new PrometheusMeters();
            Meters.install(process);
        }
        return process;
    }

    /** Every meter in the Prometheus text format 0.0.4. */
    public String scrape() {
        bindJvm();
        return registry.scrape();
    }

    private boolean jvmBound;

    /**
     * The JVM's and the process's basics, bound when first scraped: reading the management beans costs a server's
     * start a few hundred milliseconds that no one waits for at the first scrape.
     */
    private synchronized void bindJvm() {
        if (!jvmBound) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            jvmBound = true;
        }
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).tags(tags).description(description).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter[] providerCounters(Provider p) {
        Tags tags = Tags.of("service", p.service(), "provider", p.name());
        Counter c = calls.computeIfAbsent(p, k -> Counter.builder("moviola.provider.calls").tags(tags)
                .description("Calls to paid providers (each with its retries), by service and provider").register(registry));
        Counter f = failures.computeIfAbsent(p, k -> Counter.builder("moviola.provider.failures").tags(tags)
                .description("Provider calls that failed after their retries").register(registry));
        return new Counter[] {c, f};
    }

    @Override
    public void ffmpegStarted() {
        ffmpegActive.incrementAndGet();
    }

    @Override
    public void ffmpegEnded(int exitCode) {
        ffmpegActive.decrementAndGet();
        (exitCode == 0 ? ffmpegOk : ffmpegFailed).increment();
    }

    /**
     * What the job database holds, read when scraped (at most once a second): jobs by status, and tasks scheduled
     * but not yet taken by a process, by queue.
     */
    public interface JobCounts {
        Map<String, Long> jobsByStatus() throws Exception;

        Map<String, Long> tasksWaiting() throws Exception;
    }

    /** A server's hold on the job gauges; closing it (as the server stops) leaves them reading nothing. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Has the job gauges read {@code counts} until the returned handle is closed (when its server stops).
     *
     * @param statuses every status a job may have, each a gauge even at 0
     * @param queues   every task queue, likewise
     */
    public synchronized Watch watch(JobCounts counts, List<String> statuses, List<String> queues) {
        if (!gaugesRegistered) {
            for (String s : statuses) {
                Gauge.builder("moviola.jobs", this, m -> m.read(w -> w.jobs.get(s)))
                        .tag("status", s).description("Jobs in the job database now, by status (every process of a"
                                + " cluster reports the same, shared database)").register(registry);
            }
            for (String q : queues) {
                Gauge.builder("moviola.tasks.waiting", this, m -> m.read(w -> w.tasks.get(q)))
                        .tag("queue", q).description("Tasks scheduled and not yet taken by a process (due now, or a"
                                + " retry waiting for its time), by queue").register(registry);
            }
            gaugesRegistered = true;
        }
        Watched w = new Watched(counts);
        watched = w;
        return () -> {
            synchronized (this) {
                if (watched == w) {
                    watched = null;
                }
            }
        };
    }

    /** A gauge's value from the current reading; NaN when nothing is watched or the database could not be read. */
    private double read(java.util.function.Function<Watched.Reading, Long> value) {
        Watched w = watched;
        if (w == null) {
            return Double.NaN;
        }
        Watched.Reading r = w.reading();
        if (r == null) {
            return Double.NaN;
        }
        Long v = value.apply(r);
        return v == null ? 0 : v;
    }

    /** The watched database and its last reading. */
    private static final class Watched {
        record Reading(Map<String, Long> jobs, Map<String, Long> tasks, long at) {
        }

        private final JobCounts counts;
        private Reading last;

        Watched(JobCounts counts) {
            this.counts = counts;
        }

        synchronized void forget() {
            last = null;
        }

        synchronized Reading reading() {
            long now = System.nanoTime();
            if (last == null || now - last.at > SNAPSHOT_NANOS) {
                try {
                    last = new Reading(Map.copyOf(counts.jobsByStatus()), Map.copyOf(counts.tasksWaiting()), now);
                } catch (Exception e) {
                    LOG.warn("metrics: could not count the jobs: {}", e.getMessage());
                    return null;
                }
            }
            return last;
        }
    }

    @Override
    public void fetched(long bytes) {
        if (bytes > 0) {
            fetched.increment(bytes);
        }
    }

    @Override
    public void providerCalled(Provider provider, boolean ok) {
        Counter[] c = providerCounters(provider);
        c[0].increment();
        if (!ok) {
            c[1].increment();
        }
    }

    @Override
    public void phase(String phase, long nanos) {
        Timer t = phases.computeIfAbsent(phase, p -> timer("moviola.phase.duration", "", Tags.of("phase", p)));
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void scene(boolean cached, long nanos) {
        (cached ? sceneCached : sceneRendered).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void cache(Layer layer, int hits, int misses) {
        if (hits > 0) {
            cache.get(layer.word() + "hit").increment(hits);
        }
        if (misses > 0) {
            cache.get(layer.word() + "miss").increment(misses);
        }
    }

    @Override
    public void jobSubmitted() {
        submitted.increment();
        forget();
    }

    @Override
    public void jobFinished(String status) {
        Counter c = finished.get(status);
        if (c != null) {
            c.increment();
        }
        forget();
    }

    /** A job changed state here: the next scrape reads the database again, so the gauges agree with the counters. */
    private void forget() {
        Watched w = watched;
        if (w != null) {
            w.forget();
        }
    }
}
