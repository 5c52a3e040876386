package dev.moviola.job;

import dev.moviola.cache.CacheStore;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Stages;
import dev.moviola.plan.RenderPlan;
import dev.moviola.storage.LocalBlobStore;
import dev.moviola.testing.TestFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A process that knows nothing of a job but its id and the shared blob store: it renders one scene of the job
 * from the plan stored there, with a data directory of its own, and prints where the scene's clip is. What a
 * worker on another machine does; {@link PortablePlanTest} starts it as a separate JVM.
 *
 * <p>Arguments: blob directory, data directory, job id, scene index.
 */
public final class SceneFromBlobs {
    private SceneFromBlobs() {
    }

    public static void main(String[] args) throws Exception {
        Path blobs = Path.of(args[0]);
        Path data = Path.of(args[1]);
        String jobId = args[2];
        int scene = Integer.parseInt(args[3]);
        Settings settings = Settings.load(Map.of("work-dir", data.resolve("work").toString(),
                "cache-dir", data.resolve("cache").toString()), Map.of());
        JobFiles files = new JobFiles(new LocalBlobStore(blobs), settings.workDir());
        RenderPlan plan = files.plan(jobId, 1);
        Stages stages = new Stages(settings, TestFfmpeg.ffmpeg(),
                new CacheStore(settings.cacheDir().resolve("store"), 1L << 30));
        Path dir = Files.createDirectories(data.resolve("scene"));
        Stages.SceneClip clip = stages.scene(plan, scene, files.assets(jobId), dir, null);
        System.out.println(clip.clip().body());
    }
}
