package dev.moviola.pipeline;

/**
 * Hears how a render advances: phase changes, each scene's progress, and overall progress. The CLI draws a bar
 * from it; the job service stores it. Calls come from several threads (scenes render in parallel).
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    default void phase(Phase phase) {
    }

    /** @param fraction 0 when the scene starts, 1 when its clip is done */
    default void scene(int index, double fraction) {
    }

    /** A scene's clip is ready: rendered now, or taken from the scene cache ({@code cached}). */
    default void sceneFinished(int index, boolean cached) {
    }

    /** The movie is planned: {@code scenes} scenes; the plan is written at {@code planFile}. */
    default void planned(int scenes, java.nio.file.Path planFile) {
    }

    /** @param overall 0-1 over the whole render, never decreasing */
    default void progress(double overall) {
    }
}
