package dev.moviola.pipeline;

import dev.moviola.movie.Parsed;
import dev.moviola.template.Expansion;

/**
 * A movie document read, templated and validated without any I/O.
 *
 * @param expansion the templated document (values that wait for element timing still hold their templates)
 * @param draft     the movie as far as it is known before its sources are: final unless the document uses
 *                  timing variables such as {@code {{ intro_end }}}
 */
public record Document(Expansion expansion, Parsed draft) {
}
