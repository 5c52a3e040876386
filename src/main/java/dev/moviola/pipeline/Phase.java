package dev.moviola.pipeline;

import java.util.Locale;

/**
 * The stages of a render (docs/architecture.md#how-a-render-runs), in order, with the share of the total work each one stands for in overall
 * progress. The job service reports these same names.
 */
public enum Phase {
    /** Read, template, validate; fetch and probe sources; plan. */
    PLANNING(0.05),
    /** Hand the scenes to workers. */
    DISPATCHING(0.01),
    /** Scenes render in parallel. */
    RENDERING(0.79),
    /** Transitions, the stream-copy join, the sound. */
    ASSEMBLING(0.12),
    /** Store the output where it belongs; remove intermediates. */
    UPLOADING(0.03);

    final double weight;

    Phase(double weight) {
        this.weight = weight;
    }

    /** Overall progress (0-1) when this phase is {@code fraction} done. */
    public double overall(double fraction) {
        double before = 0;
        for (Phase p : values()) {
            if (p == this) {
                break;
            }
            before += p.weight;
        }
        return Math.min(1, before + weight * Math.max(0, Math.min(1, fraction)));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
