package dev.moviola.template;

import dev.moviola.movie.Location;
import dev.moviola.movie.Problem;
import java.util.ArrayList;
import java.util.List;

/** The problems one expansion finds, in the order found, each at the author's location. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void error(Location at, String message) {
        found.add(Problem.error(at.toString(), message));
    }

    void warning(Location at, String message) {
        found.add(Problem.warning(at.toString(), message));
    }

    boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    /** Errors and warnings together: the warnings travel with a successful {@link Expansion}. */
    List<Problem> all() {
        return found;
    }
}
