package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.movie.Location;
import org.junit.jupiter.api.Test;

/** The templating budget: all of it may be spent, and running out is one problem, at the place that ran out. */
class BudgetTest {
    final Problems problems = new Problems();
    final Budget budget = new Budget(problems);

    @Test
    void evaluationsStopPastTheLimitWithOneProblemWhereTheyRanOut() {
        assertThat(budget.spend(Budget.MAX_EVALUATIONS, 0, Location.of("scenes[0].text"))).as("exactly the limit").isTrue();
        assertThat(budget.exhausted()).isFalse();

        assertThat(budget.spend(1, 0, Location.of("scenes[1].elements[0].text"))).isFalse();
        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.spend(0, 0, Location.of("scenes[2].text"))).as("nothing more, not even free work").isFalse();

        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.path()).isEqualTo("scenes[1].elements[0].text");
            assertThat(p.message()).isEqualTo("the templates of this movie do too much: more than 500000 expressions to "
                    + "evaluate (iterate multiplies both); split the movie or use fewer, smaller templates");
        });
    }

    @Test
    void textStopsPastTheLimitWithOneProblemWhereItRanOut() {
        assertThat(budget.spend(3, Budget.MAX_TEXT - 1, Location.of("a"))).isTrue();
        Location at = new Location("scenes[0].elements[0].text", "iteration 7 of rooms");
        assertThat(budget.spend(0, 2, at)).isFalse();
        assertThat(budget.spend(1, 1, Location.of("b"))).isFalse();

        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].text (iteration 7 of rooms)");
            assertThat(p.message()).isEqualTo("the templates of this movie do too much: more than 16000000 characters "
                    + "of text to make (iterate multiplies both); split the movie or use fewer, smaller templates");
        });
    }
}
