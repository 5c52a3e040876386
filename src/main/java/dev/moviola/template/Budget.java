package dev.moviola.template;

import dev.moviola.movie.Location;

/**
 * The templating work one document may do: expressions evaluated and characters of text made. Iterate
 * multiplies both, so a few kilobytes written to blow up could otherwise cost minutes and gigabytes.
 */
final class Budget {
    /** A legitimate movie of 500 scenes stays far below both. */
    static final long MAX_EVALUATIONS = 500_000;
    static final long MAX_TEXT = 16_000_000;

    private final Problems problems;
    private long evaluations;
    private long text;
    private boolean exhausted;

    Budget(Problems problems) {
        this.problems = problems;
    }

    /**
     * Counts work against the budget; false once it is spent. The place that ran out gets the one problem, and
     * every later call is refused quietly: one cause, one message, however much more the document asks.
     */
    boolean spend(long expressions, long characters, Location at) {
        if (exhausted) {
            return false;
        }
        evaluations += expressions;
        text += characters;
        if (evaluations > MAX_EVALUATIONS || text > MAX_TEXT) {
            exhausted = true;
            problems.error(at, "the templates of this movie do too much: more than " + (evaluations > MAX_EVALUATIONS
                    ? MAX_EVALUATIONS + " expressions to evaluate" : MAX_TEXT + " characters of text to make")
                    + " (iterate multiplies both); split the movie or use fewer, smaller templates");
            return false;
        }
        return true;
    }

    /** True once spent: loops that make more copies stop instead of making ones nothing will be rendered in. */
    boolean exhausted() {
        return exhausted;
    }
}
