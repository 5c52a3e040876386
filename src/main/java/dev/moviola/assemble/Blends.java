package dev.moviola.assemble;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FilterGraph;
import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.plan.Output;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.CaptionLayer;
import dev.moviola.render.VideoEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a transition: the last frames of one scene and the first of the next, blended with ffmpeg's
 * {@code xfade} and encoded with the scenes' own settings, so the result joins them by stream copy. Only
 * these frames are ever decoded again. A style the ffmpeg in use lacks is emulated with {@code xfade}'s
 * custom expressions.
 */
public final class Blends {
    /**
     * xfade's zoomin (ffmpeg 5.0+) as a custom expression: the first picture zooms in towards its centre over
     * the first half, then the second fades in over it. P runs from 1 to 0; st/ld registers hold the zoom,
     * the mix and the sampling position, which is why such a graph must run on one thread.
     */
    static final String ZOOMIN = "st(0,clip((P-0.5)*2,0,1));st(0,ld(0)*ld(0)*(3-2*ld(0)));"
            + "st(1,clip(P*2,0,1));st(1,ld(1)*ld(1)*(3-2*ld(1)));"
            + "st(2,ceil((0.5+(X/W-0.5)*ld(0))*(W-1)));st(3,ceil((0.5+(Y/H-0.5)*ld(0))*(H-1)));"
            + "st(4,if(eq(PLANE,0),a0(ld(2),ld(3)),if(eq(PLANE,1),a1(ld(2),ld(3)),if(eq(PLANE,2),a2(ld(2),ld(3)),a3(ld(2),ld(3))))));"
            + "ld(4)*ld(1)+B*(1-ld(1))";

    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    public Blends(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /**
     * @param before   the previous scene's tail (its last {@code blend.frames()} frames)
     * @param after    this scene's head (its first {@code blend.frames()} frames)
     * @param captions the captions over these frames, drawn over the blend (never blended with themselves), or null
     */
    public Path render(Path before, Path after, ScenePlan.Blend blend, Output out, CaptionLayer captions, Path target)
            throws FfmpegException, InterruptedException, IOException {
        boolean native_ = ffmpeg.xfadeTransitions().contains(blend.style());
        if (!native_ && !blend.style().equals("zoomin")) {
            throw new FfmpegException("this ffmpeg has no \"" + blend.style() + "\" transition; use ffmpeg 5.1 or later");
        }
        String tb = out.fps().denominator() + "/" + out.fps().numerator();
        double seconds = out.fps().timeOf(blend.frames());
        FilterGraph g = new FilterGraph();
        g.chain("0:v", List.of(Filter.of("settb", "expr", tb), Filter.of("setpts", "expr", "N")), "a");
        g.chain("1:v", List.of(Filter.of("settb", "expr", tb), Filter.of("setpts", "expr", "N")), "b");
        Filter xfade = native_
                ? Filter.of("xfade", "transition", blend.style(), "duration", seconds, "offset", 0)
                : Filter.of("xfade", "transition", "custom", "expr", ZOOMIN, "duration", seconds, "offset", 0);
        g.chain(List.of("a", "b"), List.of(xfade, Filter.of("format", "pix_fmts", "yuv420p")), captions == null ? "v" : "x");
        // One thread to decode each side: a few frames, and every decoding thread holds frames of its own.
        List<String> args = new ArrayList<>(List.of("-threads", "1", "-i", MediaProbe.input(before),
                "-threads", "1", "-i", MediaProbe.input(after)));
        if (captions != null) {
            g.chain("2:v", captions.overlayFilters(out), "c");
            g.chain(List.of("x", "c"), List.of(Filter.of("overlay", "x", 0, "y", 0, "eof_action", "pass",
                    "format", "yuv420"), Filter.of("format", "pix_fmts", "yuv420p")), "v");
            args.addAll(captions.inputOptions());
            args.addAll(List.of("-i", captions.list().toString()));
        }
        args.addAll(ffmpeg.filterGraphArgs(g, target.resolveSibling(target.getFileName() + ".graph")));
        args.addAll(List.of("-map", "[v]", "-frames:v", Long.toString(blend.frames())));
        args.addAll(VideoEncoding.transitionArgs(out));
        args.addAll(List.of("-f", "mp4", target.toString()));
        ffmpeg.run("transition " + blend.style(), args, timeout, null);
        return target;
    }
}
