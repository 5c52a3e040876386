package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.assemble.Thumbnail;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Phase;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.pipeline.WorkFiles;
import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on this worker: renders its movie with the pipeline (scenes in parallel, from the caches where
 * they can), stores the output and its thumbnail ({@code outputs/{jobId}/}) and the plan
 * ({@code render-plans/{jobId}/plan.json}), and keeps the job row current so clients can watch it.
 */
public final class RenderJob {
    private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);
    /** Starts of a job that failed for a passing reason (a download timed out) before it fails for good. */
    static final int MAX_ATTEMPTS = 3;

    /** Thrown to have the job run again later: its failure may pass (a timeout, a refused connection). */
    static final class RetryLater extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JobStore jobs;
    private final BlobStore blobs;
    private final Pipeline pipeline;
    private final Settings settings;
    private final Thumbnail thumbnail;

    public RenderJob(JobStore jobs, BlobStore blobs, Pipeline pipeline, Settings settings, Thumbnail thumbnail) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.pipeline = pipeline;
        this.settings = settings;
        this.thumbnail = thumbnail;
    }

    /** Runs the job unless it is finished (or cancelled) already; tells {@code events} as it moves on. */
    void run(String jobId, JobEvents events) throws SQLException, InterruptedException {
        if (!jobs.start(jobId)) {
            return;
        }
        Job job = jobs.find(jobId).orElseThrow();
        LOG.info("job {}: started (attempt {})", jobId, job.attempts());
        JobProgress progress = new JobProgress(jobs, events, jobId);
        Path work = null;
        try {
            Document document = Pipeline.read(JobStore.JSON.writeValueAsString(job.movie()), settings);
            work = settings.workDir().resolve("jobs").resolve(jobId);
            WorkFiles.deleteRecursively(work); // what a killed earlier attempt left
            Files.createDirectories(work);
            Path output = work.resolve("output.mp4");
            RenderResult result = pipeline.render(document, work, output, Requests.options(job.request()), jobId,
                    new Listener(progress));
            Path thumb = work.resolve("thumbnail.jpg");
            thumbnail.make(output, result.duration(), thumb);
            blobs.put(job.outputKey(), output);
            blobs.put(job.thumbnailKey(), thumb);
            ObjectNode media = JsonNodeFactory.instance.objectNode().put("duration", result.duration())
                    .put("width", result.width()).put("height", result.height()).put("fileSize", result.size());
            if (jobs.finish(jobId, JobStatus.DONE, null, media, progress.children(), cache(result), warnings(result), true)) {
                LOG.info("job {}: done ({} bytes, movie cache {}, {} scenes rendered)", jobId, result.size(),
                        result.cache().movie(), result.cache().scenesRendered());
                events.finished(jobs.find(jobId).orElseThrow());
            } else {
                blobs.deleteAll("outputs/" + jobId + "/"); // cancelled meanwhile: nothing is published
            }
        } catch (InvalidMovieException e) {
            fail(jobId, progress, events, error("INVALID_MOVIE", e.getMessage(), null, null));
        } catch (RenderFailure e) {
            if (transient_(e) && job.attempts() < MAX_ATTEMPTS) {
                LOG.warn("job {}: {} ({}); it will be tried again", jobId, e.getMessage(), e.code());
                jobs.requeue(jobId, null);
                throw new RetryLater(e.getMessage(), e);
            }
            fail(jobId, progress, events, error(e.code(), e.getMessage(), e.sceneIndex(), e.sceneId()));
        } catch (FfmpegException | IOException e) {
            fail(jobId, progress, events, error("ASSEMBLE_FAILED", "storing the movie failed: " + e.getMessage(), null, null));
        } catch (InterruptedException e) {
            Job now = jobs.find(jobId).orElse(null);
            if (now == null || now.status().finished()) {
                LOG.info("job {}: stopped ({})", jobId, now == null ? "deleted" : now.status().word());
                return; // cancelled or deleted: the canceller reported it
            }
            jobs.requeue(jobId, null); // the server is stopping: the job resumes at the next start
            throw e;
        } finally {
            if (work != null) {
                WorkFiles.deleteRecursively(work);
            }
        }
    }

    private void fail(String jobId, JobProgress progress, JobEvents events, ObjectNode error) throws SQLException {
        try {
            blobs.deleteAll("outputs/" + jobId + "/");
        } catch (IOException e) {
            LOG.warn("job {}: could not remove partial outputs: {}", jobId, e.getMessage());
        }
        if (jobs.finish(jobId, JobStatus.FAILED, error, null, progress.childrenFailed(error), null, null, false)) {
            LOG.info("job {}: failed: {} {}", jobId, error.path("code").asText(), error.path("message").asText());
            events.finished(jobs.find(jobId).orElseThrow());
        }
    }

    /** Failures that may not happen again: the network timed out or refused (not a 404, not a bad file). */
    private static boolean transient_(RenderFailure e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof ConnectException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode error(String code, String message, Integer sceneIndex, String sceneId) {
        ObjectNode e = JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
        if (sceneIndex == null) {
            e.putNull("sceneIndex");
        } else {
            e.put("sceneIndex", sceneIndex);
        }
        return e.put("sceneId", sceneId);
    }

    private static JsonNode cache(RenderResult r) {
        return JsonNodeFactory.instance.objectNode().put("movie", r.cache().movie())
                .put("scenesHit", r.cache().scenesHit()).put("scenesRendered", r.cache().scenesRendered())
                .put("elementsHit", r.cache().elementsHit());
    }

    private static JsonNode warnings(RenderResult r) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Problem w : r.warnings()) {
            a.addObject().put("path", w.path()).put("message", w.message());
        }
        return a;
    }

    /** Carries the pipeline's progress into the job row and copies the plan into the store. */
    private final class Listener implements ProgressListener {
        private final JobProgress progress;

        Listener(JobProgress progress) {
            this.progress = progress;
        }

        @Override
        public void phase(Phase phase) {
            progress.phase(phase);
        }

        @Override
        public void planned(int scenes, Path planFile) {
            progress.planned(scenes);
            try {
                blobs.put("render-plans/" + progress.jobId() + "/plan.json", planFile);
            } catch (IOException e) {
                LOG.warn("job {}: could not store the plan: {}", progress.jobId(), e.getMessage());
            }
        }

        @Override
        public void scene(int index, double fraction) {
            if (fraction == 0) {
                progress.sceneStarted(index);
            }
        }

        @Override
        public void sceneFinished(int index, boolean cached) {
            progress.sceneFinished(index, cached);
        }

        @Override
        public void progress(double overall) {
            progress.overall(overall);
        }
    }
}
