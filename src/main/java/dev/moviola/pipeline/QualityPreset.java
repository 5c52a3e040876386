package dev.moviola.pipeline;

/** How many scenes render at once, by name (docs/service.md#the-jobs-api-v1, {@code renderOptions.qualityPreset}). */
public enum QualityPreset {
    STABLE(2), BALANCED(3), FAST(4), TURBO(6);

    public final int workers;

    QualityPreset(int workers) {
        this.workers = workers;
    }
}
