package dev.moviola.pipeline;

import dev.moviola.movie.Quality;

/**
 * Choices made by whoever asks for the render rather than by the document.
 *
 * @param quality replaces the movie's {@code quality} when not null (the CLI's {@code --quality})
 */
public record RenderOptions(Quality quality) {
    public static final RenderOptions DEFAULT = new RenderOptions(null);
}
