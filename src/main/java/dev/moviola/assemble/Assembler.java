package dev.moviola.assemble;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.plan.RenderPlan;
import dev.moviola.render.Clip;
import dev.moviola.render.VideoEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Joins the scene clips into the movie by stream copy (no re-encoding: the cost does not grow with the
 * movie's picture) and muxes the mixed sound in, as an MP4 with {@code +faststart}.
 */
public final class Assembler {
    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    public Assembler(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /** Writes the finished movie to {@code target} (a temporary name; the caller moves it into place). */
    public void join(RenderPlan plan, List<Clip> clips, Path audio, Path workDir, Path target)
            throws FfmpegException, InterruptedException, IOException {
        Path list = workDir.resolve("clips.txt");
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        for (Clip c : clips) {
            sb.append("file ").append(concatQuote(c.file().toAbsolutePath().toString())).append('\n');
        }
        Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
        ffmpeg.run("assemble", List.of(
                "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-i", "file:" + audio.toAbsolutePath(),
                "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                "-video_track_timescale", Long.toString(VideoEncoding.timescale(plan.output())),
                "-movflags", "+faststart", "-f", "mp4", target.toString()), timeout, null);
    }

    /** Quotes a path for the concat demuxer's list format (single quotes; a quote is written '\''). */
    static String concatQuote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
