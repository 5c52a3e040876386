package dev.moviola.pipeline;

import dev.moviola.movie.Parsed;
import dev.moviola.movie.Problem;
import dev.moviola.template.Expansion;
import java.util.ArrayList;
import java.util.List;

/**
 * A movie document read, templated and validated without any I/O.
 *
 * @param expansion the templated document (values that wait for element timing still hold their templates)
 * @param draft     the movie as far as it is known before its sources are: final unless the document uses
 *                  timing variables such as {@code {{ intro_end }}}
 */
public record Document(Expansion expansion, Parsed draft) {

    public List<Problem> warnings() {
        List<Problem> all = new ArrayList<>(expansion.warnings());
        all.addAll(draft.warnings());
        return all;
    }
}
