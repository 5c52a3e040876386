package dev.moviola.render;

import dev.moviola.movie.Quality;
import dev.moviola.plan.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The H.264 settings every scene clip is encoded with. All clips of a movie must share them exactly, so that
 * they can be joined by stream copy.
 *
 * <p>Quality maps to x264 presets: {@code high} = medium (x264's own default) / CRF 20, {@code medium} =
 * veryfast / CRF 23, {@code low} = ultrafast / CRF 28. Measured on 2 cores at 1080p, x264 needs 12.5 ms per
 * frame at medium, 5 at veryfast and 2.5-3 at ultrafast (static or moving pictures alike), so drafts render
 * about four times faster than {@code high}; {@code veryfast} alone could not make drafts even twice as fast
 * on still pictures.
 */
public final class VideoEncoding {
    private VideoEncoding() {
    }

    public static String preset(Quality q) {
        return switch (q) {
            case HIGH -> "medium";
            case MEDIUM -> "veryfast";
            case LOW -> "ultrafast";
        };
    }

    public static int crf(Quality q) {
        return switch (q) {
            case HIGH -> 20;
            case MEDIUM -> 23;
            case LOW -> 28;
        };
    }

    /** AAC bit rate for the movie's sound. */
    public static String audioBitrate(Quality q) {
        return switch (q) {
            case HIGH -> "192k";
            case MEDIUM -> "160k";
            case LOW -> "128k";
        };
    }

    /**
     * Output arguments for a scene clip: H.264 yuv420p in BT.709, one timescale for all clips.
     *
     * @param threads x264 threads for this process (0 = ffmpeg's choice)
     */
    public static List<String> sceneArgs(Output out, int threads) {
        List<String> a = new ArrayList<>(List.of(
                "-c:v", "libx264", "-preset", preset(out.quality()), "-crf", Integer.toString(crf(out.quality())),
                // The CRF stays out of the parameter sets (x264 writes it as pic_init_qp otherwise), so a still
                // run's keyframe at its own CRF joins the other clips by stream copy.
                "-x264-params", "stitchable=1",
                "-pix_fmt", "yuv420p", "-profile:v", "high",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
                "-r", out.fps().toString(),
                "-video_track_timescale", Long.toString(timescale(out)),
                "-an"));
        if (threads > 0) {
            a.addAll(List.of("-threads", Integer.toString(threads), "-filter_threads", Integer.toString(threads),
                    "-filter_complex_threads", Integer.toString(threads)));
        }
        return a;
    }

    /** x264's rc-lookahead of each preset: how many frames its mb-tree looks ahead. */
    private static int lookahead(Quality q) {
        return switch (q) {
            case HIGH -> 40; // medium
            case MEDIUM -> 10; // veryfast
            case LOW -> 0; // ultrafast: no look-ahead, no mb-tree
        };
    }

    /**
     * The CRF of a still run's keyframe ({@link StillClip}): lower than the clips', by what x264's mb-tree would give
     * that picture. mb-tree lowers a block's QP by 5 (1 - qcompress) log2(1 + propagated / intra cost); in a run of
     * identical frames each frame passes all of its cost on, so over the N frames x264 looks ahead the keyframe gets
     * 2 log2(1 + N) QP less (qcompress 0.6) whatever the picture. Measured at 1080p: a 1-frame run at CRF 23 - 6.9
     * (veryfast) or 20 - 10.7 (medium) matches, within 0.2 dB and 1 % of size, the keyframe x264 makes when it encodes
     * the still for 150 frames; at the clips' own CRF it would be 5-8 dB worse. N is the whole look-ahead even for a
     * run shorter than it (at least a second): the same picture then always gives the same keyframe, however long
     * it stays.
     */
    public static double stillCrf(Quality q) {
        return crf(q) - 2 * Math.log(1 + lookahead(q)) / Math.log(2);
    }

    /**
     * Output arguments for a still run's keyframe: the scene clips' settings (so the parameter sets are the same and
     * the still clip joins the others by stream copy; {@code stitchable} keeps the CRF out of them), its own CRF
     * ({@link #stillCrf}), one thread, raw H.264.
     */
    public static List<String> stillArgs(Output out) {
        List<String> a = new ArrayList<>(rawSceneArgs(out, 0));
        a.set(a.indexOf("-crf") + 1, String.format(java.util.Locale.ROOT, "%.2f", stillCrf(out.quality())));
        a.addAll(List.of("-threads", "1", "-f", "h264"));
        return a;
    }

    /** {@link #sceneArgs} for raw H.264 output (without the MP4 muxer's timescale option). */
    public static List<String> rawSceneArgs(Output out, int threads) {
        List<String> a = new ArrayList<>(sceneArgs(out, threads));
        int ts = a.indexOf("-video_track_timescale");
        a.subList(ts, ts + 2).clear();
        return a;
    }

    /**
     * Output arguments for a transition's blended frames: the scene clips' settings (the same parameter sets, to be
     * joined by stream copy), with one thread and a 5-frame look-ahead. A transition is a few frames; at 1080p each
     * x264 thread and each frame of look-ahead holds frames of its own, and several transitions blend at once.
     * Measured on a 15-frame 1080p fade: two threads and the presets' look-ahead (10 or 40) took the process to
     * 320 MB; one thread and 5 frames, 227-229 MB and 4-6 % fewer bytes than the presets' look-ahead; no look-ahead
     * (no mb-tree), 215 MB but 33 % more bytes.
     */
    public static List<String> transitionArgs(Output out) {
        List<String> a = new ArrayList<>(sceneArgs(out, 1));
        a.set(a.indexOf("stitchable=1"), "stitchable=1:rc-lookahead=5");
        return a;
    }

    /**
     * Output arguments for frames kept only to be blended into a transition: lossless H.264, fast, one thread
     * (they are few).
     */
    public static List<String> losslessArgs() {
        return List.of("-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-threads", "1", "-an");
    }

    /** A timescale near 90 kHz in which every frame duration is a whole number of ticks. */
    public static long timescale(Output out) {
        long num = out.fps().numerator();
        return num * Math.max(1, (90_000 + num - 1) / num);
    }
}
