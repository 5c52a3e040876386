package dev.moviola.testing;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import java.nio.file.Path;
import java.util.Map;

/** Renders movie documents in tests through the real pipeline, with files under a test directory. */
public final class Renders {
    private Renders() {
    }

    /** Settings with this test's own work directory and cache, so tests never share cache entries. */
    public static Settings settings(Path dir) {
        return Settings.load(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir", dir.resolve("cache").toString()),
                System.getenv());
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
        Pipeline p = new Pipeline(s, TestFfmpeg.ffmpeg(observer));
        return p.render(Pipeline.read(json, s), dir, dir.resolve("out.mp4"), options, ProgressListener.NONE);
    }

    /** The intermediates directory a {@code keepWork} render left under {@code dir}. */
    public static Path keptIntermediates(Path dir) throws java.io.IOException {
        try (var work = java.nio.file.Files.list(dir.resolve("work"));
             var jobs = java.nio.file.Files.list(work.findFirst().orElseThrow().resolve("intermediates"))) {
            return jobs.findFirst().orElseThrow();
        }
    }
}
