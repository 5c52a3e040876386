package dev.moviola.render;

import java.util.BitSet;

/**
 * Which frames of a scene may differ from the frame before them, as the scene's layers say: a layer appearing or
 * leaving, a video or drawn animation playing, a fade, a zoom, pan or turn, a caption's text changing. Everything
 * else repeats the previous frame exactly, and a scene body made only of such frames needs one encoded picture, not
 * one per frame ({@link StillClip}). It errs on the side of change: a frame marked here may still equal its
 * predecessor, but one not marked always does.
 * Not thread-safe: filled while one scene's graph is built.
 */
final class FrameChanges {
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

    /** Whether every frame of {@code [from, to)} equals the first. */
    boolean still(long from, long to) {
        int next = changes.nextSetBit((int) from + 1);
        return next < 0 || next >= to;
    }
}
