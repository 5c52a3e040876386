package dev.moviola.pipeline;

import java.util.List;

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

    /** What templating and reading warned about (unknown keys, say), known before any source is fetched. */
    public List<dev.moviola.movie.Problem> warnings() {
        List<dev.moviola.movie.Problem> all = new java.util.ArrayList<>(expansion.warnings());
        all.addAll(draft.warnings());
        return all;
    }
}
