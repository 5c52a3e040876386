package dev.moviola.render;

import dev.moviola.h264.ParameterSets;
import dev.moviola.h264.StillMp4;
import dev.moviola.h264.StillStream;
import dev.moviola.h264.UnsupportedStreamException;
import dev.moviola.plan.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run of identical frames as a clip of its own, encoded once: the keyframe x264 made of its picture, then frames
 * written here that repeat it (every macroblock skipped, see {@code dev.moviola.h264}), the keyframe again every
 * {@link #KEYINT} frames as x264 would for seeking. The MP4 ({@link StillMp4}) is timed like x264's clips (same
 * timescale, same decoding delay), so it joins them by stream copy.
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
    static ParameterSets write(Path x264Run, long frames, Output out, Path mp4)
            throws UnsupportedStreamException, IOException {
        byte[] stream = StillStream.of(Files.readAllBytes(x264Run), Math.toIntExact(frames), KEYINT);
        long timescale = VideoEncoding.timescale(out);
        return StillMp4.write(stream, out.width(), out.height(), timescale,
                timescale * out.fps().denominator() / out.fps().numerator(), mp4);
    }
}
