package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path dir;

    private static final String THREE_SCENES = """
            {"width": 160, "height": 90, "scenes": [
              {"duration": 0.5, "elements": [{"type": "image", "src": "a.png"}]},
              {"duration": 0.5, "elements": [{"type": "image", "src": "a.png", "crop": %s}]},
              {"duration": 0.5, "elements": [{"type": "text", "text": "three"}]}]}""";

    @Test
    void oneFfmpegPerSceneThenTheSoundTheJoinAndACheck() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 32);
        List<String> purposes = Collections.synchronizedList(new ArrayList<>());
        ProcessObserver observer = new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle process) {
                purposes.add(purpose);
            }
        };
        Renders.render(dir, THREE_SCENES.formatted("{\"width\": 16, \"height\": 16}"), observer);
        assertThat(purposes).containsExactlyInAnyOrder("scene 1", "scene 2", "scene 3", "audio mix", "assemble", "probe");
    }

    @Test
    void phasesComeInOrderAndProgressOnlyGrows() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 32);
        List<Object> events = Collections.synchronizedList(new ArrayList<>());
        ProgressListener listener = new ProgressListener() {
            @Override
            public void phase(Phase phase) {
                events.add(phase);
            }

            @Override
            public void progress(double overall) {
                events.add(overall);
            }
        };
        Settings s = Renders.settings(dir);
        new Pipeline(s, TestFfmpeg.ffmpeg()).render(Pipeline.read(THREE_SCENES.formatted("null"), s), dir,
                dir.resolve("out.mp4"), RenderOptions.DEFAULT, listener);
        assertThat(events.stream().filter(e -> e instanceof Phase)).containsExactly(Phase.PLANNING, Phase.DISPATCHING,
                Phase.RENDERING, Phase.ASSEMBLING, Phase.UPLOADING);
        List<Double> progress = events.stream().filter(e -> e instanceof Double).map(e -> (Double) e).toList();
        assertThat(progress).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void aFailingSceneIsNamedAndLeavesNothingBehind() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 32);
        assertThatThrownBy(() -> Renders.render(dir, THREE_SCENES.formatted("{\"x\": 40, \"width\": 8, \"height\": 8}")))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("SCENE_RENDER_FAILED");
                    assertThat(f.sceneIndex()).isEqualTo(1);
                    assertThat(f.getMessage()).contains("scene 2").contains("scenes[1].elements[0].crop")
                            .contains("32x32");
                });
        assertThat(dir.resolve("out.mp4")).doesNotExist();
        try (Stream<Path> work = Files.list(dir.resolve("work"))) {
            assertThat(work).isEmpty();
        }
    }

    @Test
    void aSceneOverItsTimeLimitIsStopped() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 32);
        Settings s = Settings.load(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir", dir.resolve("cache").toString(),
                "scene-timeout", "0.001"),
                System.getenv());
        assertThatThrownBy(() -> new Pipeline(s, TestFfmpeg.ffmpeg()).render(Pipeline.read(
                THREE_SCENES.formatted("null"), s), dir, dir.resolve("out.mp4"), RenderOptions.DEFAULT,
                ProgressListener.NONE))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("RENDER_TIMEOUT");
                    assertThat(f.sceneIndex()).isBetween(0, 2);
                    assertThat(f.getMessage()).contains("scene " + (f.sceneIndex() + 1)).contains("time limit");
                });
        assertThat(dir.resolve("out.mp4")).doesNotExist();
    }

    @Test
    void aSceneOverItsCpuTimeLimitIsStoppedAndTheErrorNamesTheSetting() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 32);
        Settings s = Settings.load(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir", dir.resolve("cache").toString(),
                "cpu-limit", "0.3"), System.getenv());
        String movie = """
                {"resolution": "full-hd", "quality": "high", "scenes": [
                  {"duration": 20, "elements": [{"type": "image", "src": "a.png", "fade-in": 19},
                    {"type": "text", "text": "busy"}]}]}""";
        Ffmpeg ffmpeg = new Ffmpeg(TestFfmpeg.installation(), ProcessObserver.NONE, s.cpuLimit());
        assertThatThrownBy(() -> new Pipeline(s, ffmpeg).render(Pipeline.read(movie, s), dir, dir.resolve("out.mp4"),
                RenderOptions.DEFAULT, ProgressListener.NONE))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("RENDER_TIMEOUT");
                    assertThat(f.sceneIndex()).isZero();
                    assertThat(f.getMessage()).contains("scene 1 used more than its CPU-time limit of 0.3 s (cpu-limit)");
                });
        assertThat(dir.resolve("out.mp4")).doesNotExist();
    }
}
