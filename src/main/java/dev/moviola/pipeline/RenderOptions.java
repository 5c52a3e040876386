package dev.moviola.pipeline;

import dev.moviola.movie.Quality;

/**
 * Choices made by whoever asks for the render rather than by the document.
 *
 * @param quality     replaces the movie's {@code quality} when not null (the CLI's {@code --quality})
 * @param preset      scene workers by name; ignored when {@code concurrency} is given
 * @param concurrency scene workers, 1-32, or null to use the preset
 * @param keepWork    keep the plan and the intermediate clips after the render (for debugging)
 * @param cache       false renders as if the movie said {@code cache: false} (the CLI's {@code --no-cache}):
 *                    every scene afresh, sources still from the element cache
 * @param captions    write the movie's captions beside the output, as an ASS file (the CLI's {@code --captions})
 */
public record RenderOptions(Quality quality, QualityPreset preset, Integer concurrency, boolean keepWork,
        boolean cache, boolean captions) {
    public static final RenderOptions DEFAULT = new RenderOptions(null, QualityPreset.BALANCED, null, false, true);

    public RenderOptions(Quality quality, QualityPreset preset, Integer concurrency, boolean keepWork, boolean cache) {
        this(quality, preset, concurrency, keepWork, cache, false);
    }

    public RenderOptions {
        if (preset == null) {
            preset = QualityPreset.BALANCED;
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 32)) {
            throw new IllegalArgumentException("concurrency must be 1 to 32, got " + concurrency);
        }
    }

    public RenderOptions withConcurrency(int n) {
        return new RenderOptions(quality, preset, n, keepWork, cache, captions);
    }

    public RenderOptions withKeepWork() {
        return new RenderOptions(quality, preset, concurrency, true, cache, captions);
    }

    public RenderOptions withoutCache() {
        return new RenderOptions(quality, preset, concurrency, keepWork, false, captions);
    }

    public RenderOptions withCaptions() {
        return new RenderOptions(quality, preset, concurrency, keepWork, cache, true);
    }

    /**
     * Scene workers for a movie: what was asked for, but never more than its scenes or the deployment allows; a
     * preset also no more than the machine's cores. Each scene's encoder has two threads at least, so on a small
     * machine more scenes at once only hold more memory: on 2 cores, three 1080p scenes or transitions at once held
     * 0.9-1 GB against 0.55-0.7 GB for two, in the same time.
     */
    public int workers(int scenes, int allowed) {
        int requested = concurrency != null ? concurrency
                : Math.min(preset.workers, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(requested, Math.min(scenes, allowed)));
    }
}
