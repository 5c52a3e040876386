package dev.moviola.movie;

import java.util.List;

/** A valid movie and the warnings found while reading it (unknown keys, ignored settings). */
public record Parsed(Movie movie, List<Problem> warnings) {
    public Parsed {
        warnings = List.copyOf(warnings);
    }
}
