package dev.moviola.movie;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a movie document has errors; carries every problem found, not just the first. */
public final class InvalidMovieException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidMovieException(List<Problem> problems) {
        super(problems.stream().filter(Problem::isError).map(Problem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Errors and the warnings found alongside them. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }
}
