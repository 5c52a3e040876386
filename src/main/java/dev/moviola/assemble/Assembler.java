package dev.moviola.assemble;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FilterGraph;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.render.VideoEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Joins the scene clips into the movie: scene bodies by stream copy (their cost does not grow with the movie),
 * transitions rendered from only the frames they blend, and the mixed sound muxed in, as an MP4 with
 * {@code +faststart}.
 */
public final class Assembler {
    private final Ffmpeg ffmpeg;
    private final Duration timeout;
    private final Blends blends;

    public Assembler(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
        this.blends = new Blends(ffmpeg, timeout);
    }

    /**
     * Writes the finished movie to {@code target} (a temporary name; the caller moves it into place).
     *
     * @param workers transitions rendered at once
     * @param threads encoder threads of each
     */
    public void join(RenderPlan plan, List<Clip> clips, Path audio, Path workDir, Path target, int workers,
            int threads) throws FfmpegException, InterruptedException, IOException {
        List<Path> transitions = transitions(plan, clips, workDir, workers, threads);
        // Each part's length is written out: with B-frames a file's own duration can exceed its frames, and
        // the concat demuxer would leave a gap after it.
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        for (int k = 0; k < clips.size(); k++) {
            ScenePlan scene = plan.scenes().get(k);
            if (transitions.get(k) != null) {
                part(sb, transitions.get(k), scene.headFrames(), plan);
            }
            if (clips.get(k).body() != null) {
                part(sb, clips.get(k).body(), scene.frames() - scene.headFrames() - scene.tailFrames(), plan);
            }
        }
        Path list = workDir.resolve("clips.txt");
        Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
        ffmpeg.run("assemble", List.of(
                "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-i", "file:" + audio.toAbsolutePath(),
                "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                "-video_track_timescale", Long.toString(VideoEncoding.timescale(plan.output())),
                "-movflags", "+faststart", "-f", "mp4", target.toString()), timeout, null);
    }

    private static void part(StringBuilder list, Path file, long frames, RenderPlan plan) {
        list.append("file ").append(concatQuote(file.toAbsolutePath().toString())).append('\n')
                .append("duration ").append(FilterGraph.number(plan.output().fps().timeOf(frames))).append('\n');
    }

    /** The transition into each scene (null for a cut), rendered a few at a time. */
    private List<Path> transitions(RenderPlan plan, List<Clip> clips, Path workDir, int workers, int threads)
            throws FfmpegException, InterruptedException, IOException {
        List<Path> out = new ArrayList<>();
        List<Future<Path>> pending = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "transition");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int k = 0; k < clips.size(); k++) {
                ScenePlan scene = plan.scenes().get(k);
                if (scene.blendIn() == null) {
                    pending.add(null);
                    continue;
                }
                Path before = clips.get(k - 1).tail();
                Path after = clips.get(k).head();
                Path target = workDir.resolve(String.format(java.util.Locale.ROOT, "transition_%03d.mp4", k));
                pending.add(pool.submit(() -> blends.render(before, after, scene.blendIn(), plan.output(), threads, target)));
            }
            for (Future<Path> f : pending) {
                out.add(f == null ? null : get(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path get(Future<Path> f) throws FfmpegException, InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FfmpegException x) {
                throw x;
            }
            if (e.getCause() instanceof IOException x) {
                throw x;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Quotes a path for the concat demuxer's list format (single quotes; a quote is written '\''). */
    static String concatQuote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
