package dev.moviola.testing;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.pipeline.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders movie documents in tests through the real pipeline, with files under a test directory. */
public final class Renders {
    private Renders() {
    }

    /**
     * Plans (fetches, probes, compiles; renders nothing) a 96×54 movie of one second showing one source, as
     * {@code pipeline} would for a job: what a source check refuses comes out as a RenderFailure.
     */
    public static Stages.Planned planOneSource(Pipeline pipeline, Settings settings, Path dir, String type, String src)
            throws InvalidMovieException, RenderFailure, InterruptedException, IOException {
        String movie = """
                {"resolution": "custom", "width": 96, "height": 54, "scenes": [{"duration": 1, "elements": [
                  {"type": "%s", "src": "%s"}]}]}""".formatted(type, src);
        Path work = Files.createTempDirectory(dir, "work");
        return pipeline.stages().plan(Pipeline.read(movie, settings), work, work, RenderOptions.DEFAULT);
    }

    /** Settings with this test's own work directory and cache, so tests never share cache entries. */
    public static Settings settings(Path dir) {
        return settings(dir, Map.of());
    }

    /** The same, with other settings besides. */
    public static Settings settings(Path dir, Map<String, String> more) {
        Map<String, String> flags = new java.util.HashMap<>(more);
        flags.put("work-dir", dir.resolve("work").toString());
        flags.put("cache-dir", dir.resolve("cache").toString());
        return Settings.load(flags, System.getenv());
    }

    /**
     * Renders {@code json} with every frame encoded by x264 ({@code still-frames=false}): for tests that compare the
     * drawing of two scenes pixel by pixel, which must not depend on whether a run of their frames was still long
     * enough to be encoded once (a keyframe at its own CRF) or not (x264's frames).
     */
    public static RenderResult renderEveryFrame(Path dir, String json)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Settings s = settings(dir, Map.of("still-frames", "false"));
        try (Pipeline p = new Pipeline(s, TestFfmpeg.ffmpeg(ProcessObserver.NONE))) {
            return p.render(Pipeline.read(json, s), dir, dir.resolve("out.mp4"), RenderOptions.DEFAULT,
                    ProgressListener.NONE);
        }
    }

    /** Renders {@code json} (sources relative to {@code dir}) to {@code dir/out.mp4}. */
    public static RenderResult render(Path dir, String json) throws InvalidMovieException, RenderFailure, InterruptedException {
        return render(dir, json, ProcessObserver.NONE);
    }

    public static RenderResult render(Path dir, String json, ProcessObserver observer)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        return render(dir, json, observer, RenderOptions.DEFAULT);
    }

    public static RenderResult render(Path dir, String json, ProcessObserver observer, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Settings s = settings(dir);
        try (Pipeline p = new Pipeline(s, TestFfmpeg.ffmpeg(observer))) {
            return p.render(Pipeline.read(json, s), dir, dir.resolve("out.mp4"), options, ProgressListener.NONE);
        }
    }

    /** The intermediates directory a {@code keepWork} render left under {@code dir}. */
    public static Path keptIntermediates(Path dir) throws java.io.IOException {
        try (var work = java.nio.file.Files.list(dir.resolve("work"));
             var jobs = java.nio.file.Files.list(work.findFirst().orElseThrow().resolve("intermediates"))) {
            return jobs.findFirst().orElseThrow();
        }
    }
}
