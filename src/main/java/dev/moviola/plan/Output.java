package dev.moviola.plan;

import dev.moviola.movie.Fps;
import dev.moviola.movie.Quality;

/** What the finished file is: frame size, rate, quality and whether it carries the draft watermark. */
public record Output(int width, int height, Fps fps, Quality quality, boolean draft) {
}
