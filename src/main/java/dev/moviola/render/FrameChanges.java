package dev.moviola.render;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which frames of a scene may differ from the frame before them, as the scene's layers say: a layer appearing or
 * leaving, a video or drawn animation playing, a fade, a zoom, pan or turn. Everything else repeats the previous
 * frame exactly, and such a run needs one encoded picture, not one per frame ({@link StillClip}). It errs on the
 * side of change: a frame marked here may still equal its predecessor, but one not marked always does.
 * Not thread-safe: filled while one scene's graph is built.
 */
final class FrameChanges {
    /** A run of frames {@code [from, to)}; {@code still} when every frame of it equals the first. */
    record Segment(long from, long to, boolean still) {
        long frames() {
            return to - from;
        }
    }

    private final long frames;
    /** Bit f: frame f may differ from frame f - 1. */
    private final BitSet changes = new BitSet();

    FrameChanges(long frames) {
        this.frames = frames;
    }

    /** Frame {@code f} may differ from the one before it. */
    void at(long f) {
        if (f > 0 && f < frames) {
            changes.set((int) f);
        }
    }

    /** Every frame of {@code [from, to)} may differ from the one before it. */
    void during(long from, long to) {
        long a = Math.max(1, from);
        long b = Math.min(frames, to);
        if (b > a) {
            changes.set((int) a, (int) b);
        }
    }

    /**
     * Cuts {@code [from, to)} into runs: still runs of at least {@code minStill} frames, and the changing frames
     * between them (shorter still runs count as changing; encoding them separately would cost a keyframe for
     * little). Every run is at least 2 frames long unless the range itself is shorter, because a 1-frame clip
     * would put two keyframes back to back, which H.264 allows only with different ids.
     */
    List<Segment> segments(long from, long to, long minStill) {
        List<long[]> stills = new ArrayList<>();
        long start = from;
        for (long f = from + 1; f <= to; f++) {
            if (f == to || changes.get((int) f)) {
                if (f - start >= Math.max(2, minStill)) {
                    stills.add(new long[] {start, f});
                }
                start = f;
            }
        }
        List<Segment> out = new ArrayList<>();
        long at = from;
        for (long[] s : stills) {
            long a = s[0];
            if (a > at && a - at < 2) {
                a = at + 2; // a 1-frame changing run takes the still run's first frame
            }
            if (a > at) {
                out.add(new Segment(at, a, false));
            }
            if (s[1] - a >= 2) {
                out.add(new Segment(a, s[1], true));
                at = s[1];
            } else {
                at = a;
            }
        }
        if (to > at) {
            if (to - at < 2 && !out.isEmpty()) {
                // Too short alone: it takes the last frame of the still run before it, or joins that run.
                Segment last = out.remove(out.size() - 1);
                if (last.still() && last.frames() >= 3) {
                    out.add(new Segment(last.from(), last.to() - 1, true));
                    out.add(new Segment(last.to() - 1, to, false));
                } else {
                    out.add(new Segment(last.from(), to, false));
                }
            } else {
                out.add(new Segment(at, to, false));
            }
        }
        return merge(out);
    }

    /** Adjacent changing runs become one. */
    private static List<Segment> merge(List<Segment> segments) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            Segment prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && !prev.still() && !s.still()) {
                out.set(out.size() - 1, new Segment(prev.from(), s.to(), false));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
