package dev.moviola.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.testing.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The job gauges read the watched database once per scrape, show every status and queue, and stop with the server. */
class PrometheusMetersTest {
    private static final List<String> STATUSES = List.of("queued", "running", "done");
    private static final List<String> QUEUES = List.of("jobs", "scenes");

    @Test
    void aScrapeReadsTheDatabaseOnceAndShowsEveryStatusEvenAtZero() {
        PrometheusMeters meters = new PrometheusMeters();
        AtomicInteger reads = new AtomicInteger();
        meters.watch(counts(reads, Map.of("done", 3L), Map.of("scenes", 2L)), STATUSES, QUEUES);
        PrometheusText t = PrometheusText.parse(meters.scrape());
        assertThat(reads.get()).as("one query for all the gauges").isEqualTo(1);
        assertThat(t.value("moviola_jobs", "status", "done")).isEqualTo(3);
        assertThat(t.value("moviola_jobs", "status", "queued")).isZero();
        assertThat(t.has("moviola_jobs", "status", "running")).isTrue();
        assertThat(t.value("moviola_tasks_waiting", "queue", "scenes")).isEqualTo(2);
        assertThat(t.value("moviola_tasks_waiting", "queue", "jobs")).isZero();
    }

    @Test
    void gaugesShowNothingKnownOnceTheServerStopsOrWhenTheDatabaseCannotBeRead() {
        PrometheusMeters meters = new PrometheusMeters();
        PrometheusMeters.Watch watch = meters.watch(counts(new AtomicInteger(), Map.of("done", 1L), Map.of()),
                STATUSES, QUEUES);
        watch.close();
        assertThat(PrometheusText.parse(meters.scrape()).value("moviola_jobs", "status", "done")).isNaN();
        meters.watch(new PrometheusMeters.JobCounts() {
            @Override
            public Map<String, Long> jobsByStatus() throws Exception {
                throw new java.sql.SQLException("the database is closed");
            }

            @Override
            public Map<String, Long> tasksWaiting() {
                return Map.of();
            }
        }, STATUSES, QUEUES);
        assertThat(PrometheusText.parse(meters.scrape()).value("moviola_jobs", "status", "done")).isNaN();
    }

    @Test
    void eventsMoveTheirMeters() {
        PrometheusMeters meters = new PrometheusMeters();
        meters.cache(Meters.Layer.ELEMENT, 2, 1);
        meters.scene(false, 1_500_000_000L);
        meters.phase("planning", 200_000_000L);
        meters.fetched(1000);
        meters.ffmpegStarted();
        meters.providerCalled(Meters.Provider.images("replicate"), false);
        PrometheusText t = PrometheusText.parse(meters.scrape());
        assertThat(t.value("moviola_cache_lookups_total", "layer", "element", "result", "hit")).isEqualTo(2);
        assertThat(t.value("moviola_cache_lookups_total", "layer", "element", "result", "miss")).isEqualTo(1);
        assertThat(t.value("moviola_scene_duration_seconds_bucket", "cache", "miss", "le", "1.0")).isZero();
        assertThat(t.value("moviola_scene_duration_seconds_bucket", "cache", "miss", "le", "2.5")).isEqualTo(1);
        assertThat(t.value("moviola_scene_duration_seconds_sum", "cache", "miss")).isEqualTo(1.5);
        assertThat(t.value("moviola_phase_duration_seconds_count", "phase", "planning")).isEqualTo(1);
        assertThat(t.value("moviola_fetched_bytes_total")).isEqualTo(1000);
        assertThat(t.value("moviola_ffmpeg_processes")).isEqualTo(1);
        assertThat(t.value("moviola_provider_failures_total", "service", "images", "provider", "replicate")).isEqualTo(1);
        meters.ffmpegEnded(0);
        assertThat(PrometheusText.parse(meters.scrape()).value("moviola_ffmpeg_processes")).isZero();
    }

    private static PrometheusMeters.JobCounts counts(AtomicInteger reads, Map<String, Long> jobs, Map<String, Long> tasks) {
        return new PrometheusMeters.JobCounts() {
            @Override
            public Map<String, Long> jobsByStatus() {
                reads.incrementAndGet();
                return jobs;
            }

            @Override
            public Map<String, Long> tasksWaiting() {
                return tasks;
            }
        };
    }
}
