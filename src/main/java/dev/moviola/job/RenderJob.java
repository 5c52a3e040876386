package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.assemble.Thumbnail;
import dev.moviola.cache.CacheEntry;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.asset.AssetStore;
import dev.moviola.pipeline.CacheUse;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.FailureCode;
import dev.moviola.pipeline.Phase;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.Stages;
import dev.moviola.plan.RenderPlan;
import dev.moviola.render.Clip;
import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a job, each run by a task of its own (docs/architecture.md#jobs-in-the-service): {@link #plan} (read, fetch, plan, dispatch),
 * {@link #part} (one scene, or the sound), {@link #assemble} (join, store the output and its thumbnail at
 * {@code outputs/{jobId}/}). Steps pass files through {@link JobFiles} and keep the job row current so clients
 * can watch it. A step of a job that has finished (cancelled, failed) or started again does nothing.
 */
public final class RenderJob {
    private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);
    /** Starts of a job that failed for a passing reason (a download timed out) before it fails for good. */
    static final int MAX_ATTEMPTS = 3;

    /** Thrown to have the job planned again later: its failure may pass (a timeout, a refused connection). */
    static final class RetryLater extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A step's work, run by {@link #step}: it may fail in the ways a render fails. */
    private interface Work {
        void run() throws Exception;
    }

    /** The work of a scene, sound or assembly task, given the job it is for. */
    private interface TaskWork {
        void run(Job job, JobProgress progress) throws Exception;
    }

    private final JobStore jobs;
    private final JobParts parts;
    private final BlobStore blobs;
    private final JobFiles files;
    private final Stages stages;
    private final Settings settings;
    private final Thumbnail thumbnail;
    /** The most scenes of one job at once in a cluster: the most a request may ask for. */
    private static final int MAX_WINDOW = 32;
    /**
     * Whether other processes share the job database (a cluster): a scene or an assembly stopped by a shutdown is
     * then handed back to them as it is (its task rescheduled), rather than its job sent back to the queue to be
     * planned again at this process's next start.
     */
    private final boolean shared;
    /** The progress of jobs whose tasks run here, by id: one per job, shared by its parallel scene tasks. */
    private final Map<String, JobProgress> progresses = new ConcurrentHashMap<>();

    /** @param stages the stages of a render, which this runs as durable tasks */
    public RenderJob(JobStore jobs, javax.sql.DataSource db, BlobStore blobs, Stages stages, Settings settings,
            Thumbnail thumbnail) {
        this(jobs, db, blobs, stages, settings, thumbnail, false);
    }

    /** @param shared whether other processes share the job database (a cluster) */
    public RenderJob(JobStore jobs, javax.sql.DataSource db, BlobStore blobs, Stages stages, Settings settings,
            Thumbnail thumbnail, boolean shared) {
        this.shared = shared;
        this.jobs = jobs;
        this.parts = new JobParts(db);
        this.blobs = blobs;
        this.files = new JobFiles(blobs, settings.workDir());
        this.stages = stages;
        this.settings = settings;
        this.thumbnail = thumbnail;
    }

    /**
     * Starts (or starts again) a job: reads its movie, makes the sources local, and publishes the movie at once
     * when the movie cache has it; else writes the plan and dispatches the sound and the first scenes.
     */
    void plan(String jobId, Dispatch dispatch) throws SQLException, InterruptedException {
        if (!jobs.start(jobId)) {
            return;
        }
        Job job = jobs.find(jobId).orElseThrow();
        LOG.info("job {}: planning (attempt {})", jobId, job.attempts());
        JobProgress progress = new JobProgress(jobs, dispatch, jobId);
        progresses.put(jobId, progress);
        step(job, progress, dispatch, true, () -> {
            Path work = files.start(jobId);
            parts.delete(jobId);
            progress.phase(Phase.PLANNING);
            Document document = Pipeline.read(JobStore.JSON.writeValueAsString(job.movie()), settings);
            RenderOptions options = Requests.options(job.request());
            Stages.Planned planned = stages.plan(document, work, work, options);
            List<Problem> noticed = new java.util.ArrayList<>(Requests.warnings(job.request()));
            noticed.addAll(planned.readWarnings());
            jobs.planned(jobId, CacheUse.planned(planned).api(), warnings(noticed));
            if (planned.movieHit()) {
                LOG.info("job {}: the same movie was rendered before", jobId);
                publish(job, planned.cached(), false, progress, dispatch);
                return;
            }
            RenderPlan plan = planned.plan();
            files.putSources(jobId, planned.assets());
            files.putPlan(jobId, job.attempts(), plan);
            progress.planned(plan);
            progress.cachedAtOnce(stages.cachedScenes(plan));
            progress.phase(Phase.DISPATCHING);
            // A job's scenes at once: what it asks for (or its preset's), within its scenes. On one machine also
            // within this process's scene threads; in a cluster each worker's threads bound what runs there, and the
            // job's window holds across all of them (its parts table is in the shared database).
            int window = options.workers(plan.scenes().size(), shared ? MAX_WINDOW : settings.maxConcurrency());
            List<Integer> first = parts.start(jobId, plan.scenes().size(), window);
            LOG.info("job {}: rendering {} scenes ({} s, {}x{} at {} fps), up to {} at once", jobId,
                    plan.scenes().size(), String.format(Locale.ROOT, "%.2f", plan.duration()), plan.output().width(),
                    plan.output().height(), plan.output().fps(), window);
            progress.phase(Phase.RENDERING);
            dispatch.parts(jobId, job.attempts(), first);
        });
    }

    /** Renders one part of a job (a scene, or the sound), stores it with the intermediates and dispatches what follows. */
    void part(TaskRef ref, Dispatch dispatch) throws SQLException, InterruptedException {
        task(ref, dispatch, (job, progress) -> {
            RenderPlan plan = files.plan(job.id(), ref.attempt());
            AssetStore assets = files.assets(job.id());
            int part = ref.part();
            boolean cached = false;
            if (part == JobParts.SOUND) {
                Path dir = files.taskDir(job.id(), "sound");
                files.putSound(job.id(), stages.sound(plan, assets, dir).file());
            } else {
                Path dir = files.taskDir(job.id(), "scene_" + part);
                progress.sceneStarted(part);
                benchWait();
                Stages.SceneClip clip = stages.scene(plan, part, assets, dir, f -> progress.scene(part, f));
                files.putScene(job.id(), clip, dir);
                cached = clip.cached();
                progress.sceneFinished(part, cached);
                dev.moviola.pipeline.WorkFiles.deleteRecursively(dir);
            }
            JobParts.Next next = parts.finished(job.id(), part, cached);
            dispatch.parts(job.id(), ref.attempt(), next.dispatch());
            if (next.last()) {
                progress.phase(Phase.ASSEMBLING);
                dispatch.assemble(job.id(), ref.attempt());
            }
        });
    }

    /** Joins a job's clips, transitions and sound into the movie and publishes it. */
    void assemble(TaskRef ref, Dispatch dispatch) throws SQLException, InterruptedException {
        task(ref, dispatch, (job, progress) -> {
            progress.phase(Phase.ASSEMBLING);
            RenderPlan plan = files.plan(job.id(), ref.attempt());
            LOG.info("job {}: assembling {} clips", job.id(), plan.scenes().size());
            Path dir = files.taskDir(job.id(), "assemble");
            List<Clip> clips = files.scenes(job.id(), plan, dir);
            Path sound = files.sound(job.id(), dir);
            int workers = Requests.options(job.request()).workers(plan.scenes().size(), settings.maxConcurrency());
            List<Path> transitions = stages.transitions(plan, clips, files.assets(job.id()), dir, workers).stream()
                    .map(t -> t == null ? null : t.file()).toList();
            Stages.Assembled movie = stages.assemble(plan, clips, transitions, sound, workers, dir);
            publish(job, movie.movie(), movie.cached(), progress, dispatch);
        });
    }

    /**
     * For bench/cluster.sh only: with the system property {@value #BENCH_WAIT} (milliseconds), each scene waits that
     * long before it renders, standing in for a heavy scene, so that a cluster's scaling is measured on a machine
     * whose cores would otherwise be the limit. Never set in a real service.
     */
    static final String BENCH_WAIT = "moviola.bench.scene-wait-ms";

    private static void benchWait() throws InterruptedException {
        long ms = Long.getLong(BENCH_WAIT, 0L);
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Removes the job's work files and intermediates once it has finished and none of its tasks runs here. */
    void cleanIfFinished(String jobId) {
        try {
            Job job = jobs.find(jobId).orElse(null);
            if (job == null || job.status().finished()) {
                progresses.remove(jobId);
                files.clean(jobId);
            }
        } catch (SQLException e) {
            LOG.warn("job {}: could not check whether its files can go: {}", jobId, e.getMessage());
        }
    }

    /** Removes the work files this process left (in a cluster, at its start: its intermediates are the jobs'). */
    void cleanLocal() {
        progresses.clear();
        files.cleanLocal();
    }

    /** Removes every job's work files: at start, before every unfinished job is planned again. */
    void cleanAll() throws IOException {
        progresses.clear();
        files.cleanAll();
    }

    /** Runs a task's work as a step of its job (not retried), unless the job no longer wants it. */
    private void task(TaskRef ref, Dispatch dispatch, TaskWork work) throws SQLException, InterruptedException {
        Job job = current(ref);
        if (job == null) {
            return;
        }
        JobProgress progress = progress(job, dispatch);
        step(job, progress, dispatch, false, () -> work.run(job, progress));
    }

    /** The job a task is for, when it still wants the task's work: unfinished, and at the task's attempt. */
    private Job current(TaskRef ref) throws SQLException {
        Job job = jobs.find(ref.jobId()).orElse(null);
        return job == null || job.status().finished() || job.attempts() != ref.attempt() ? null : job;
    }

    private JobProgress progress(Job job, Dispatch dispatch) {
        return progresses.computeIfAbsent(job.id(), id -> new JobProgress(jobs, dispatch, id));
    }

    /**
     * Stores the movie and its thumbnail under {@code outputs/{jobId}/} and marks the job done.
     *
     * @param madeElsewhere the assembly found the movie in the cache: another job made it meanwhile
     */
    private void publish(Job job, CacheEntry movie, boolean madeElsewhere, JobProgress progress, Dispatch dispatch)
            throws SQLException, IOException, FfmpegException, InterruptedException {
        long start = System.nanoTime();
        progress.phase(Phase.UPLOADING);
        Path output = Stages.movieFile(movie);
        JsonNode meta = movie.meta();
        Path thumb = files.taskDir(job.id(), "thumbnail").resolve("thumbnail.jpg");
        thumbnail.make(output, meta.path("duration").asDouble(), thumb);
        blobs.put(job.outputKey(), output);
        blobs.put(job.thumbnailKey(), thumb);
        java.util.Optional<Path> captions = Stages.captionsFile(movie);
        if (captions.isPresent()) {
            blobs.put(job.captionsKey(), captions.get());
        }
        files.dropIntermediates(job.id());
        dev.moviola.metrics.Meters.current().phase("uploading", System.nanoTime() - start);
        ObjectNode media = JsonNodeFactory.instance.objectNode().put("duration", meta.path("duration").asDouble())
                .put("width", meta.path("width").asInt()).put("height", meta.path("height").asInt())
                .put("fileSize", meta.path("size").asLong());
        Job planned = jobs.find(job.id()).orElseThrow();
        JobParts.Counts scenes = parts.counts(job.id());
        ObjectNode cache = ((ObjectNode) planned.cache()).put("scenesHit", scenes.cached())
                .put("scenesRendered", scenes.rendered());
        if (madeElsewhere) {
            cache.put("movie", CacheUse.Movie.HIT.word());
        }
        ArrayNode warnings = planned.warnings() == null ? JsonNodeFactory.instance.arrayNode()
                : (ArrayNode) planned.warnings();
        meta.path("warnings").forEach(w -> warnings.addObject().put("path", w.path("path").asText())
                .put("message", w.path("message").asText()));
        if (jobs.finish(job.id(), JobStatus.DONE, null, media, progress.children(), cache, warnings, true,
                captions.isPresent())) {
            LOG.info("job {}: done ({} bytes, movie cache {}, {} scenes rendered)", job.id(), meta.path("size").asLong(),
                    cache.path("movie").asText(), scenes.rendered());
            dispatch.finished(jobs.find(job.id()).orElseThrow());
        } else {
            blobs.deleteAll("outputs/" + job.id() + "/"); // cancelled meanwhile: nothing is published
        }
    }

    /**
     * Runs a step, turning its failure into the job's: a bad movie or a scene that fails fails the job (once,
     * naming the scene); a passing failure while planning ({@code retry}: only downloads fail that way) has the job
     * planned again later; an interrupt either
     * ends a cancelled job's step or, when the server stops, leaves the job to resume at the next start.
     */
    private void step(Job job, JobProgress progress, Dispatch dispatch, boolean retry, Work work)
            throws SQLException, InterruptedException {
        try {
            work.run();
        } catch (InvalidMovieException e) {
            fail(job.id(), progress, dispatch, error(FailureCode.INVALID_MOVIE, e.getMessage(), null, null));
        } catch (RenderFailure e) {
            if (retry && transient_(e) && job.attempts() < MAX_ATTEMPTS) {
                LOG.warn("job {}: {} ({}); it will be tried again", job.id(), e.getMessage(), e.code());
                jobs.requeue(job.id(), null);
                throw new RetryLater(e.getMessage(), e);
            }
            fail(job.id(), progress, dispatch, error(e.failure(), e.getMessage(), e.sceneIndex(), e.sceneId()));
        } catch (FfmpegException | IOException e) {
            fail(job.id(), progress, dispatch, error(FailureCode.ASSEMBLE_FAILED, "storing the job's files failed: "
                    + e.getMessage(), null, null));
        } catch (InterruptedException e) {
            Job now = jobs.find(job.id()).orElse(null);
            if (now == null || now.status().finished()) {
                LOG.debug("job {}: step stopped ({})", job.id(), now == null ? "deleted" : now.status().word());
                return; // cancelled, failed or deleted: whoever did it reported it
            }
            if (retry || !shared) {
                jobs.requeue(job.id(), null); // the server is stopping: the job resumes at the next start
            } // else the task is handed back as it is, to another process of the cluster
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(String jobId, JobProgress progress, Dispatch dispatch, ObjectNode error) throws SQLException {
        try {
            blobs.deleteAll("outputs/" + jobId + "/");
        } catch (IOException e) {
            LOG.warn("job {}: could not remove partial outputs: {}", jobId, e.getMessage());
        }
        if (jobs.finish(jobId, JobStatus.FAILED, error, null, progress.childrenFailed(error), null, null, false, false)) {
            LOG.info("job {}: failed: {} {}", jobId, error.path("code").asText(), error.path("message").asText());
            dispatch.halt(jobId);
            dispatch.finished(jobs.find(jobId).orElseThrow());
        }
    }

    /** Failures that may not happen again: the network timed out or refused (not a 404, not a bad file). */
    private static boolean transient_(RenderFailure e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof ConnectException
                    || t instanceof java.io.InterruptedIOException) { // socket and connect timeouts
                return true;
            }
        }
        return false;
    }

    static ObjectNode error(FailureCode code, String message, Integer sceneIndex, String sceneId) {
        ObjectNode e = JsonNodeFactory.instance.objectNode().put("code", code.name()).put("message", message);
        if (sceneIndex == null) {
            e.putNull("sceneIndex");
        } else {
            e.put("sceneIndex", sceneIndex);
        }
        return e.put("sceneId", sceneId);
    }

    private static JsonNode warnings(List<Problem> problems) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Problem w : problems) {
            a.addObject().put("path", w.path()).put("message", w.message());
        }
        return a;
    }
}
