package dev.moviola.pipeline;

/**
 * How the CPU is shared when scenes render at once. Every scene's encoder (and filter graph) gets
 * T = max(2, C ÷ 3) threads on C cores (the {@code scene-threads} setting), whatever the concurrency: the default
 * preset's 3 workers (at most C) then fill the machine, and a scene rendering alone at the end still uses two cores
 * ({@code fast} and {@code turbo} overlap one scene's start-up and muxing with the others' encoding on larger
 * machines). Transitions encode on one thread (a few frames; see VideoEncoding.transitionArgs). T does not follow
 * the worker count on purpose: x264's output depends on its thread count, and a scene must give the same clip
 * however many scenes render beside it (renders at any concurrency are frame-identical, and the scene cache can rely
 * on it).
 */
final class Parallelism {
    private Parallelism() {
    }

    /** Encoder threads of each scene and transition, as the settings say. */
    static int threadsPerScene(dev.moviola.config.Settings settings) {
        return settings.sceneThreads();
    }
}
