package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.Stages;
import dev.moviola.pipeline.WorkFiles;
import dev.moviola.storage.LocalBlobStore;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan is portable: written by one machine (data directory A), it renders on another (data directory B) that
 * shares nothing with the first but the blob store — same frames — and it holds no local path.
 */
class PortablePlanTest {
    @TempDir
    Path dir;

    @Test
    void aSceneRendersFromThePlanAndTheBlobStoreAloneInAnotherProcess() throws Exception {
        Path a = Files.createDirectories(dir.resolve("machine-a"));
        Path media = Files.createDirectories(a.resolve("media"));
        TestMedia.countingVideo(media, "clip.mp4", 25, 1);
        TestMedia.quadrants(media, "quadrants.png", 64, 36);
        try (InputStream font = PortablePlanTest.class.getResourceAsStream("/dev/moviola/fonts/Inter-Bold.otf")) {
            Files.copy(font, media.resolve("brand font.otf"));
        }
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [
                  {"duration": 0.4, "background-color": "teal", "elements": []},
                  {"duration": 0.8, "elements": [
                    {"type": "image", "src": "quadrants.png", "width": 80, "position": "top-left"},
                    {"type": "video", "src": "clip.mp4", "width": 48, "position": "bottom-right", "fade-in": 0.2},
                    {"type": "text", "text": "Portable", "settings": {"font-url": "brand font.otf", "font-size": "20px"}}]}]}""";
        Path blobDir = dir.resolve("shared-blobs");
        LocalBlobStore blobs = new LocalBlobStore(blobDir);
        String jobId = "job_portable";

        // Machine A plans, stores the plan and the sources in the blob store, and renders scene 2 for reference.
        Settings settingsA = Renders.settings(a);
        Stages stagesA = new Stages(settingsA, TestFfmpeg.ffmpeg(), new CacheStore(a.resolve("cache"), 1L << 30));
        Path workA = WorkFiles.createWorkDir(settingsA.workDir());
        Stages.Planned planned = stagesA.plan(Pipeline.read(movie, settingsA), media, workA, RenderOptions.DEFAULT);
        JobFiles filesA = new JobFiles(blobs, settingsA.workDir());
        filesA.putSources(jobId, planned.assets());
        filesA.putPlan(jobId, 1, planned.plan());
        Path here = Files.createDirectories(a.resolve("scene"));
        List<String> expected = Decoded.frameHashes(stagesA.scene(planned.plan(), 1, planned.assets(), here, null)
                .clip().body());
        assertThat(expected).hasSize(20);

        // The plan names its sources by content: no path of machine A (nor any absolute path) is in it.
        String planJson = Files.readString(blobDir.resolve("render-plans/" + jobId + "/plan.json"));
        assertThat(planJson).doesNotContain(dir.toString()).doesNotContain("quadrants.png").doesNotContain("brand font");
        assertThat(strings(new ObjectMapper().readTree(planJson))).noneMatch(s -> Path.of(s).isAbsolute());

        // Machine A is gone; machine B has its own data directory and the blob store.
        WorkFiles.deleteRecursively(a);
        Path b = dir.resolve("machine-b");
        Process p = new ProcessBuilder(javaCommand(blobDir.toString(), b.toString(), jobId, "1"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Path clip = Path.of(out.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(clip).startsWith(b);
        assertThat(Decoded.frameHashes(clip)).isEqualTo(expected);
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), SceneFromBlobs.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        }
        n.forEach(child -> out.addAll(strings(child)));
        return out;
    }
}
