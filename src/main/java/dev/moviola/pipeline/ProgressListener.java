package dev.moviola.pipeline;

/**
 * Hears how a render advances: phase changes and overall progress. The CLI draws a bar from it; the job
 * service stores it. Calls may come from several threads.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    default void phase(Phase phase) {
    }

    /** @param overall 0-1 over the whole render, never decreasing */
    default void progress(double overall) {
    }
}
