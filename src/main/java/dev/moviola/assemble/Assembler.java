package dev.moviola.assemble;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.ConcatList;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import dev.moviola.render.VideoEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        ConcatList list = new ConcatList(plan.output().fps());
        for (int k = 0; k < clips.size(); k++) {
            ScenePlan scene = plan.scenes().get(k);
            if (transitions.get(k) != null) {
                list.add(transitions.get(k), scene.headFrames());
            }
            if (clips.get(k).body() != null) {
                list.add(clips.get(k).body(), scene.frames() - scene.headFrames() - scene.tailFrames());
            }
        }
        List<String> args = new ArrayList<>(list.write(workDir.resolve("clips.txt")));
        args.addAll(List.of("-i", "file:" + audio.toAbsolutePath(),
                "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                "-video_track_timescale", Long.toString(VideoEncoding.timescale(plan.output())),
                "-movflags", "+faststart", "-f", "mp4", target.toString()));
        ffmpeg.run("assemble", args, timeout, null);
    }
}
