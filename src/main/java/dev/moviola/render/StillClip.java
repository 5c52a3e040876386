package dev.moviola.render;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.h264.ParameterSets;
import dev.moviola.h264.StillStream;
import dev.moviola.h264.UnsupportedStreamException;
import dev.moviola.plan.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run of identical frames as a clip of its own, encoded once: the keyframe x264 made of its picture, then frames
 * written here that repeat it (every macroblock skipped, see {@code dev.moviola.h264}), the keyframe again every
 * {@link #KEYINT} frames as x264 would for seeking. The MP4 is timed like x264's clips (same timescale, same
 * decoding delay), so it joins them by stream copy; see ../research/static-frames.md in the design notes.
 */
final class StillClip {
    /** x264's default keyframe interval: a player seeking into a long still finds a keyframe as near. */
    static final int KEYINT = 250;

    private StillClip() {
    }

    /**
     * Writes {@code mp4}: {@code frames} frames of the picture whose x264 run is {@code x264Run} (raw H.264).
     *
     * @return the parameter sets the clip uses, to check that it can be joined with the scene's other clips
     * @throws UnsupportedStreamException when x264's stream uses settings the writer does not know: the caller
     *         encodes the frames instead
     */
    static ParameterSets write(Ffmpeg ffmpeg, Path x264Run, long frames, Output out, Path mp4, String label,
            Duration timeout) throws UnsupportedStreamException, IOException, FfmpegException, InterruptedException {
        byte[] stream = StillStream.of(Files.readAllBytes(x264Run), Math.toIntExact(frames), KEYINT);
        ParameterSets sets = ParameterSets.fromAnnexB(stream);
        Path raw = mp4.resolveSibling(mp4.getFileName() + ".h264");
        Files.write(raw, stream);
        long tick = VideoEncoding.timescale(out) * out.fps().denominator() / out.fps().numerator();
        // Decoding times run `reorder` frames ahead of presentation, as in x264's clips with B-frames: the concat
        // demuxer then sees decoding times rise across the join. Raw H.264 has no timestamps of its own, and
        // frames are in presentation order, so both are written from the frame number.
        long delay = (long) sets.reorderFrames() * tick;
        ffmpeg.run(label, List.of(
                "-f", "h264", "-framerate", out.fps().toString(), "-i", "file:" + raw.toAbsolutePath(),
                "-c:v", "copy",
                "-bsf:v", "setts=time_base=1/" + VideoEncoding.timescale(out) + ":pts=N*" + tick + ":dts=N*" + tick
                        + "-" + delay + ":duration=" + tick,
                "-video_track_timescale", Long.toString(VideoEncoding.timescale(out)),
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
                "-f", "mp4", mp4.toString()), timeout, null);
        Files.deleteIfExists(raw);
        return sets;
    }
}
