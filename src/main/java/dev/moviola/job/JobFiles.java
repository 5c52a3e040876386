package dev.moviola.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.AssetStore;
import dev.moviola.asset.Assets;
import dev.moviola.asset.BlobAssets;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Stages;
import dev.moviola.pipeline.WorkFiles;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a job's tasks hand each other, in the blob store (README: How a render runs): the plan at
 * {@code render-plans/{jobId}/plan.json}, and the intermediates at {@code intermediates/{jobId}/}: each scene's
 * clip ({@code scene_{index}.head.mkv}, {@code .body.mp4}, {@code .tail.mkv}, and {@code scene_{index}.json}
 * with its frame count and warnings), the sound ({@code audio.m4a}) and the sources the plan refers to
 * ({@code sources/{sha256}.{ext}}). Each task works in the job's own
 * directory under the work directory ({@code jobs/{jobId}/}), which holds the downloaded sources too.
 */
final class JobFiles {
    private static final String[] PARTS = {"head.mkv", "body.mp4", "tail.mkv"};
    private static final String SOUND = "audio.m4a";

    private final BlobStore blobs;
    private final Path workRoot;
    /** Plans read by this process, by job id and attempt: a job's scenes need its plan parsed once, not once each. */
    private final Map<String, RenderPlan> plans = new ConcurrentHashMap<>();

    JobFiles(BlobStore blobs, Path workDir) {
        this.blobs = blobs;
        this.workRoot = workDir.resolve("jobs");
    }

    /** The job's work directory. */
    Path work(String jobId) {
        return workRoot.resolve(jobId);
    }

    /** A fresh directory in the job's work directory for one task (what an earlier, killed try left is removed). */
    Path taskDir(String jobId, String name) throws IOException {
        Path dir = work(jobId).resolve(name);
        WorkFiles.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    /** Starts a job's files afresh: whatever an earlier attempt left is removed. */
    Path start(String jobId) throws IOException {
        clean(jobId);
        return Files.createDirectories(work(jobId));
    }

    /** Removes a job's work directory and intermediates (not its plan or outputs). Never throws. */
    void clean(String jobId) {
        plans.keySet().removeIf(k -> k.startsWith(jobId + "/"));
        WorkFiles.deleteRecursively(work(jobId));
        try {
            blobs.deleteAll(intermediates(jobId));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(JobFiles.class).warn("job {}: could not remove its intermediates: {}",
                    jobId, e.getMessage());
        }
    }

    /**
     * Removes a job's intermediates from the blob store once its movie is stored: they are of no use then, and a
     * client told the job is done finds them gone.
     */
    void dropIntermediates(String jobId) throws IOException {
        blobs.deleteAll(intermediates(jobId));
    }

    /** Removes every job's work directory and intermediates: at start, when every unfinished job starts again. */
    /**
     * Removes this process's work files only: in a cluster the intermediates in the bucket belong to jobs that
     * other processes may be rendering right now.
     */
    void cleanLocal() {
        plans.clear();
        WorkFiles.deleteRecursively(workRoot);
    }

    void cleanAll() throws IOException {
        WorkFiles.deleteRecursively(workRoot);
        blobs.deleteAll("intermediates/");
    }

    /**
     * Stores the sources a job's plan refers to among its intermediates ({@code intermediates/{jobId}/sources/}), so
     * that its scenes render wherever the blob store is reached.
     */
    void putSources(String jobId, Assets assets) throws IOException {
        BlobAssets.put(blobs, sources(jobId), assets);
    }

    /** Where this process's tasks of a job find its sources: taken from the blob store into the job's directory. */
    AssetStore assets(String jobId) {
        return new BlobAssets(blobs, sources(jobId), work(jobId).resolve("sources"));
    }

    private static String sources(String jobId) {
        return intermediates(jobId) + "sources/";
    }

    void putPlan(String jobId, int attempt, RenderPlan plan) throws IOException {
        Path file = work(jobId).resolve("plan.json");
        PlanFiles.write(plan, file);
        blobs.put(planKey(jobId), file);
        plans.put(jobId + "/" + attempt, plan);
    }

    RenderPlan plan(String jobId, int attempt) throws IOException {
        RenderPlan known = plans.get(jobId + "/" + attempt);
        if (known != null) {
            return known;
        }
        Path file = taskDir(jobId, "plan-" + Thread.currentThread().getId()).resolve("plan.json");
        blobs.get(planKey(jobId), file);
        RenderPlan plan = PlanFiles.read(file);
        WorkFiles.deleteRecursively(file.getParent());
        plans.putIfAbsent(jobId + "/" + attempt, plan);
        return plan;
    }

    /** Stores a scene's clip with what describes it among the intermediates ({@code dir}: the task's directory). */
    void putScene(String jobId, Stages.SceneClip made, Path dir) throws IOException {
        Clip c = made.clip();
        String base = intermediates(jobId) + scene(c.sceneIndex());
        Path[] files = {c.head(), c.body(), c.tail()};
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("frames", c.frames()).put("cached", made.cached());
        ArrayNode parts = meta.putArray("parts");
        for (int i = 0; i < PARTS.length; i++) {
            if (files[i] != null) {
                blobs.put(base + "." + PARTS[i], files[i]);
                parts.add(PARTS[i]);
            }
        }
        ArrayNode warnings = meta.putArray("warnings");
        c.warnings().forEach(w -> warnings.addObject().put("path", w.path()).put("message", w.message()));
        Path json = dir.resolve(scene(c.sceneIndex()) + ".json");
        JobStore.JSON.writeValue(json.toFile(), meta);
        blobs.put(base + ".json", json);
    }

    /** Every scene's clip, from the intermediates into {@code dir}. */
    List<Clip> scenes(String jobId, RenderPlan plan, Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (ScenePlan s : plan.scenes()) {
            String base = intermediates(jobId) + scene(s.index());
            Path json = dir.resolve(scene(s.index()) + ".json");
            blobs.get(base + ".json", json);
            JsonNode meta = JobStore.JSON.readTree(json.toFile());
            Path[] files = new Path[PARTS.length];
            for (JsonNode part : meta.path("parts")) {
                int i = List.of(PARTS).indexOf(part.asText());
                files[i] = dir.resolve(scene(s.index()) + "." + PARTS[i]);
                blobs.get(base + "." + PARTS[i], files[i]);
            }
            List<Problem> warnings = new ArrayList<>();
            meta.path("warnings").forEach(w -> warnings.add(Problem.warning(w.path("path").asText(), w.path("message").asText())));
            clips.add(new Clip(s.index(), files[0], files[1], files[2], meta.path("frames").asLong(), warnings));
        }
        return clips;
    }

    void putSound(String jobId, Path sound) throws IOException {
        blobs.put(intermediates(jobId) + SOUND, sound);
    }

    Path sound(String jobId, Path dir) throws IOException {
        Path sound = dir.resolve(SOUND);
        blobs.get(intermediates(jobId) + SOUND, sound);
        return sound;
    }

    static String intermediates(String jobId) {
        return "intermediates/" + jobId + "/";
    }

    private static String planKey(String jobId) {
        return "render-plans/" + jobId + "/plan.json";
    }

    private static String scene(int index) {
        return String.format(Locale.ROOT, "scene_%03d", index);
    }
}
