package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegInstallation;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.RenderPlan;
import dev.moviola.render.Clip;
import dev.moviola.render.SceneRenderer;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.moviola.testing.Slow;

/** Scenes rendered in parallel: same result at any concurrency, bounded processes, failures that stop the rest. */
class ParallelRenderTest {
    @TempDir
    Path dir;

    static String sixScenes() {
        StringBuilder s = new StringBuilder();
        String[] colours = {"red", "lime", "blue", "yellow", "magenta", "cyan"};
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ",").append("""
                    {"duration": 0.6, "background-color": "%s", "elements": [{"type": "video", "src": "count.mp4",
                      "width": 80, "x": %d}, {"type": "text", "text": "Scene %d", "fade-in": 0.2}]%s}"""
                    .formatted(colours[i], 10 * i, i + 1, i == 3 ? ", \"transition\": {\"duration\": 0.2}" : ""));
        }
        return "{\"width\": 160, \"height\": 90, \"fps\": 25, \"scenes\": [" + s + "]}";
    }

    /** Counts scene processes running at the same time. */
    static final class SceneCounter implements ProcessObserver {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();

        @Override
        public void started(String purpose, ProcessHandle process) {
            if (purpose.startsWith("scene ")) {
                total.incrementAndGet();
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
            }
        }

        @Override
        public void finished(String purpose, ProcessHandle process, int exitCode) {
            if (purpose.startsWith("scene ")) {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void concurrencyChangesNothingButSpeedAndRunsAtMostThatManyScenes() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 1);
        SceneCounter one = new SceneCounter();
        Path a = Renders.render(dir, sixScenes(), one, RenderOptions.DEFAULT.withConcurrency(1).withoutCache()).output();
        List<String> sequential = Decoded.frameHashes(Files.move(a, dir.resolve("sequential.mp4")));
        SceneCounter three = new SceneCounter();
        RenderResult r = Renders.render(dir, sixScenes(), three, RenderOptions.DEFAULT.withConcurrency(3).withoutCache());
        assertThat(r.workers()).isEqualTo(3);
        assertThat(Decoded.frameHashes(r.output())).as("frame-identical").isEqualTo(sequential).hasSize(85);
        assertThat(one.most.get()).isEqualTo(1);
        assertThat(three.total.get()).isEqualTo(6);
        assertThat(three.most.get()).as("scene processes at once").isBetween(2, 3);
    }

    @Test
    void presetsAskForWorkersButNeverMoreThanScenesOrCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(RenderOptions.DEFAULT.workers(10, 32)).isEqualTo(Math.min(3, cores));
        assertThat(new RenderOptions(null, QualityPreset.TURBO, null, false, true).workers(10, 32)).isEqualTo(Math.min(6, cores));
        assertThat(new RenderOptions(null, QualityPreset.TURBO, null, false, true).workers(10, 1)).as("deployment cap").isEqualTo(1);
        assertThat(new RenderOptions(null, null, 5, false, true).workers(10, 32)).as("asked for exactly").isEqualTo(5);
        assertThat(new RenderOptions(null, QualityPreset.STABLE, 12, false, true).workers(5, 32)).as("scenes cap").isEqualTo(5);
        assertThatThrownBy(() -> new RenderOptions(null, null, 33, false, true)).hasMessageContaining("1 to 32");
    }

    /** An ffmpeg that behaves like the real one except for scene 3, where it fails or hangs. */
    private Ffmpeg sabotaged(String scene3) throws Exception {
        FfmpegInstallation real = TestFfmpeg.installation();
        Path script = dir.resolve("ffmpeg-wrapper");
        Files.writeString(script, "#!/bin/sh\ncase \"$*\" in *scene_002.graph*) " + scene3 + " ;; esac\nexec '"
                + real.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Ffmpeg(new FfmpegInstallation(script, real.ffprobe(), real.version(), "test"), ProcessObserver.NONE);
    }

    private static String fiveScenes() {
        // Different texts: identical scenes would share one render through the scene cache.
        return "{\"width\": 160, \"height\": 90, \"scenes\": [" + String.join(",", java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> "{\"duration\": 2, \"elements\": [{\"type\": \"text\", \"text\": \"x" + i + "\"}]}")
                .toList()) + "]}";
    }

    @Test
    void aFailingSceneFailsTheRenderWithFfmpegsReasonAndStopsTheOthers() throws Exception {
        Ffmpeg ffmpeg = sabotaged("echo '[h264 @ 0x55] Invalid NAL unit size (9999 > 512).' >&2; echo 'Error while decoding stream #0:0: Invalid data found when processing input' >&2; exit 1");
        Settings s = Renders.settings(dir);
        Pipeline p = new Pipeline(s, ffmpeg);
        assertThatThrownBy(() -> p.render(Pipeline.read(fiveScenes(), s), dir, dir.resolve("out.mp4"),
                RenderOptions.DEFAULT.withConcurrency(2), ProgressListener.NONE))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("SCENE_RENDER_FAILED");
                    assertThat(f.sceneIndex()).isEqualTo(2);
                    assertThat(f.getMessage()).contains("scene 3").contains("Invalid data found when processing input");
                });
        assertThat(dir.resolve("out.mp4")).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.endsWith(".partial"));
        }
        assertThat(ProcessHandle.current().descendants().filter(h -> h.info().command().orElse("").contains("ffmpeg")))
                .as("no ffmpeg left running").isEmpty();
    }

    @Test
    @Slow
    void aHangingSceneIsStoppedAtItsTimeLimit() throws Exception {
        Ffmpeg ffmpeg = sabotaged("exec sleep 600");
        Settings s = Settings.load(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir",
                dir.resolve("cache").toString(), "scene-timeout", "3"), System.getenv());
        Pipeline p = new Pipeline(s, ffmpeg);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.render(Pipeline.read(fiveScenes(), s), dir, dir.resolve("out.mp4"),
                RenderOptions.DEFAULT.withConcurrency(3), ProgressListener.NONE))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("RENDER_TIMEOUT");
                    assertThat(f.sceneIndex()).isEqualTo(2);
                    assertThat(f.getMessage()).contains("scene 3").contains("time limit");
                });
        // The time is the behaviour here: the scene is stopped at its 3 s limit, not left to hang for 600 s. The bound
        // is far from both, so a loaded machine cannot fail it.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        assertThat(dir.resolve("out.mp4")).doesNotExist();
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").equals("sleep 600")))
                .as("the hanging process was killed").isEmpty();
    }

    @Test
    void theSavedPlanIsEnoughToRenderAScene() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 1);
        Renders.render(dir, sixScenes(), ProcessObserver.NONE, RenderOptions.DEFAULT.withKeepWork());
        Path intermediates = Renders.keptIntermediates(dir);
        Path planFile = intermediates.getParent().getParent().resolve("render-plans")
                .resolve(intermediates.getFileName()).resolve("plan.json");
        RenderPlan plan = PlanFiles.read(planFile);
        assertThat(plan.scenes()).hasSize(6);
        assertThat(plan.fingerprints().scenes()).hasSize(6).doesNotHaveDuplicates();
        // A worker that knows nothing but the plan renders scene 5 again: the same clip, frame for frame.
        Path elsewhere = Files.createDirectories(dir.resolve("worker"));
        Clip again = new SceneRenderer(TestFfmpeg.ffmpeg(), new FontCatalog(List.of()), Duration.ofMinutes(1))
                .render(plan.scenes().get(4), plan.output(), ref -> dir.resolve("count.mp4"), elsewhere,
                        Parallelism.threadsPerScene(Renders.settings(dir)), null);
        assertThat(Decoded.frameHashes(again.body())).isEqualTo(Decoded.frameHashes(intermediates.resolve("scene_004.mp4")));
    }
}
