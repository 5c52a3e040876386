package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The job store's statements, on every database a job can live in. */
class JobStoreTest {
    @TempDir
    Path dir;

    /** The limit on active jobs counts a key's jobs, and jobs sent without a key together (the dialect's null-safe =). */
    @ParameterizedTest
    @EnumSource(Store.class)
    void activeJobsAreCountedByKeyAndWithoutOneAlike(Store store) throws Exception {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        try (Database db = store.open(dir, 2)) {
            JobStore jobs = new JobStore(db);
            assertThat(jobs.create(null, request, null, 1)).isPresent();
            assertThat(jobs.create(null, request, null, 1)).as("one keyless job is active").isEmpty();
            assertThat(jobs.create("a", request, null, 1)).isPresent();
            assertThat(jobs.create("a", request, null, 1)).isEmpty();
            assertThat(jobs.create("b", request, null, 1)).isPresent();
        }
    }

    /** A job's life as its watchers see it: listed newest first, by key and page, moved on once into a final state. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void aJobIsListedStartedProgressedAndFinishedOnce(Store store) throws Exception {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putObject("movie").put("quality", "low");
        try (Database db = store.open(dir, 2)) {
            JobStore jobs = new JobStore(db);
            Job a = jobs.create("k", request, "http://receiver.test/cb", 10).orElseThrow();
            Job b = jobs.create(null, request, null, 10).orElseThrow();
            Job c = jobs.create("k", request, null, 10).orElseThrow();
            assertThat(jobs.list(null, 10, null)).extracting(Job::id).containsExactly(c.id(), b.id(), a.id());
            assertThat(jobs.list("k", 10, null)).extracting(Job::id).containsExactly(c.id(), a.id());
            assertThat(jobs.list(null, 10, c.seq())).extracting(Job::id).containsExactly(b.id(), a.id());
            assertThat(jobs.list("k", 1, c.seq())).extracting(Job::id).containsExactly(a.id());

            assertThat(jobs.start(a.id())).isTrue();
            jobs.progress(a.id(), JobStatus.RUNNING, "rendering", 0.5, null);
            jobs.progress(a.id(), JobStatus.RUNNING, "rendering", 0.25, null);
            Job running = jobs.find(a.id()).orElseThrow();
            assertThat(running.progress()).as("progress never goes back").isEqualTo(0.5);
            assertThat(running.attempts()).isEqualTo(1);
            assertThat(running.startedAt()).isNotNull();
            assertThat(running.callbackUrl()).isEqualTo("http://receiver.test/cb");
            assertThat(running.request().path("movie").path("quality").asText()).isEqualTo("low");

            ObjectNode media = JsonNodeFactory.instance.objectNode().put("url", "x.mp4");
            assertThat(jobs.finish(a.id(), JobStatus.DONE, null, media, null, null, null, true, true)).isTrue();
            assertThat(jobs.finish(a.id(), JobStatus.FAILED, null, null, null, null, null, false, false))
                    .as("finished once").isFalse();
            assertThat(jobs.cancel(a.id(), null)).isFalse();
            Job done = jobs.find(a.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(JobStatus.DONE);
            assertThat(done.progress()).isEqualTo(1.0);
            assertThat(done.hasOutput()).isTrue();
            assertThat(done.hasCaptions()).isTrue();
            assertThat(done.endedAt()).isNotNull();
            assertThat(jobs.finishedUnnotified()).extracting(Job::id).containsExactly(a.id());
            assertThat(jobs.unfinished()).extracting(Job::id).containsExactly(b.id(), c.id());

            assertThat(jobs.cancel(b.id(), null)).isTrue();
            assertThat(jobs.delete(c.id())).isTrue();
            assertThat(jobs.find(c.id())).isEmpty();
            assertThat(jobs.unfinished()).isEmpty();
        }
    }

    /** A job's parts: one finishing part learns it was the last, whatever the order. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void theLastPartToFinishIsTold(Store store) throws Exception {
        try (Database db = store.open(dir, 2)) {
            JobParts parts = new JobParts(db.dataSource());
            assertThat(parts.start("job_p", 3, 2)).containsExactly(JobParts.SOUND, 0, 1);
            assertThat(parts.finished("job_p", 0, true)).isEqualTo(new JobParts.Next(List.of(2), false));
            assertThat(parts.finished("job_p", 0, true)).as("done already").isEqualTo(new JobParts.Next(List.of(), false));
            assertThat(parts.finished("job_p", JobParts.SOUND, false)).isEqualTo(new JobParts.Next(List.of(), false));
            assertThat(parts.finished("job_p", 2, false)).isEqualTo(new JobParts.Next(List.of(), false));
            assertThat(parts.finished("job_p", 1, false)).isEqualTo(new JobParts.Next(List.of(), true));
            assertThat(parts.counts("job_p")).isEqualTo(new JobParts.Counts(1, 2));
        }
    }

    /**
     * Parts finishing at the same moment in different processes: exactly one learns it was the last, every round
     * (on PostgreSQL each transaction sees only what others committed, so they must take turns on the job).
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void exactlyOneOfThePartsFinishingAtOnceIsTheLast(Store store) throws Exception {
        int n = 8;
        try (Database db = store.open(dir, n)) {
            JobStore jobs = new JobStore(db);
            JobParts parts = new JobParts(db.dataSource());
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                for (int round = 0; round < 10; round++) {
                    String id = jobs.create(null, JsonNodeFactory.instance.objectNode(), null, 1000).orElseThrow().id();
                    assertThat(parts.start(id, n - 1, n)).hasSize(n);
                    CyclicBarrier together = new CyclicBarrier(n);
                    List<Future<Boolean>> last = new ArrayList<>();
                    for (int part = JobParts.SOUND; part < n - 1; part++) {
                        int p = part;
                        last.add(pool.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return parts.finished(id, p, false).last();
                        }));
                    }
                    int lasts = 0;
                    for (Future<Boolean> f : last) {
                        lasts += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(lasts).as("round " + round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Submissions racing from several processes never take a key past its limit of active jobs. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void racingSubmissionsStopAtTheKeysLimit(Store store) throws Exception {
        int n = 6;
        try (Database db = store.open(dir, n)) {
            JobStore jobs = new JobStore(db);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "key" + round;
                    CyclicBarrier together = new CyclicBarrier(n);
                    List<Future<Boolean>> created = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        created.add(pool.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return jobs.create(key, JsonNodeFactory.instance.objectNode(), null, 2).isPresent();
                        }));
                    }
                    int made = 0;
                    for (Future<Boolean> f : created) {
                        made += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(made).as("round " + round).isEqualTo(2);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
