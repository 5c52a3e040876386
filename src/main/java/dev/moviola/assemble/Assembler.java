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
import java.util.List;

/**
 * Joins the scene clips into the movie: scene bodies and the transitions between them (rendered from only the
 * frames they blend, see {@link Blends}) by stream copy, so the cost does not grow with the movie, and the
 * mixed sound muxed in, as an MP4 with {@code +faststart}.
 */
public final class Assembler {
    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    public Assembler(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /**
     * Writes the finished movie to {@code target} (a temporary name; the caller moves it into place).
     *
     * @param transitions the rendered transition into each scene, null for a cut
     */
    public void join(RenderPlan plan, List<Clip> clips, List<Path> transitions, Path audio, Path workDir, Path target)
            throws FfmpegException, InterruptedException, IOException {
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

    /** Quotes a path for the concat demuxer's list format (single quotes; a quote is written '\''). */
    static String concatQuote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
