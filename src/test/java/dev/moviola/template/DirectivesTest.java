package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition, iterate and import directives on their own, apart from the walk over a document. */
class DirectivesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final Problems problems = new Problems();
    final Budget budget = new Budget(problems);
    final Location at = Location.of("scenes[0]");

    record Copy(Scope scope, Location at, String idSuffix) {
    }

    @Test
    void conditionsWrittenAsJsonValuesCostNothing() throws Exception {
        ConditionDirective conditions = new ConditionDirective(budget, problems);
        budget.spend(Budget.MAX_EVALUATIONS, 0, Location.ROOT);
        assertThat(conditions.keeps(JSON.readTree("{}"), Scope.EMPTY, at)).isTrue();
        assertThat(conditions.keeps(JSON.readTree("{\"condition\": 1}"), Scope.EMPTY, at)).isTrue();
        assertThat(conditions.keeps(JSON.readTree("{\"condition\": false}"), Scope.EMPTY, at)).isFalse();
        assertThat(budget.exhausted()).isFalse();
        assertThat(conditions.keeps(JSON.readTree("{\"condition\": \"true\"}"), Scope.EMPTY, at)).as("out of budget").isFalse();
        assertThat(problems.all()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0].condition"));
    }

    @Test
    void iterateCopiesEachItemWithItsVariablesAndIteration() throws Exception {
        List<Copy> copies = new ArrayList<>();
        Scope scope = Scope.EMPTY.with(Map.of("rooms", List.of(Map.of("name", "Den"), Map.of("name", "Hall"))));
        new IterateDirective(budget, problems, Limits.DEFAULT).expand(JSON.readTree("{\"iterate\": \"rooms\", \"iterate-as\": \"room\"}"),
                scope, at, copies::size, (s, where, suffix) -> copies.add(new Copy(s, where, suffix)));
        assertThat(copies).hasSize(2);
        Copy second = copies.get(1);
        assertThat(second.idSuffix()).isEqualTo("-1");
        assertThat(second.at().toString()).isEqualTo("scenes[0] (iteration 2 of rooms)");
        assertThat(second.scope().get("room")).isEqualTo(Map.of("name", "Hall"));
        assertThat(second.scope().get("name")).isEqualTo("Hall");
        assertThat(second.scope().get("index")).isEqualTo(1L);
        assertThat(second.scope().get("count")).isEqualTo(2L);
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void iterateStopsAtTheSceneLimitCountingOnlyTheScenesMade() throws Exception {
        Limits three = new Limits(3, 100, 3840, 3840L * 2160, 1200, 128_000_000L);
        Scope scope = Scope.EMPTY.with(Map.of("items", List.of(1L, 2L, 3L, 4L, 5L)));
        JsonNode scene = JSON.readTree("{\"iterate\": \"items\"}");
        IterateDirective iterate = new IterateDirective(budget, problems, three);

        List<Copy> dropped = new ArrayList<>();
        iterate.expand(scene, scope, at, () -> 0, (s, where, suffix) -> dropped.add(null));
        assertThat(dropped).as("copies their condition drops make no scenes").hasSize(5);
        assertThat(problems.all()).isEmpty();

        List<Copy> made = new ArrayList<>();
        iterate.expand(scene, scope, at, made::size, (s, where, suffix) -> made.add(new Copy(s, where, suffix)));
        assertThat(made).hasSize(3);
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].iterate");
            assertThat(p.message()).isEqualTo("iterating over 5 items makes more than 3 scenes, the limit; split the movie "
                    + "or iterate over fewer items");
        });
    }

    @Test
    void iterateStopsMakingCopiesOnceTheBudgetIsSpent() throws Exception {
        budget.spend(Budget.MAX_EVALUATIONS - 1, 0, Location.ROOT);
        List<Copy> copies = new ArrayList<>();
        new IterateDirective(budget, problems, Limits.DEFAULT).expand(JSON.readTree("{\"iterate\": \"items\"}"),
                Scope.EMPTY.with(Map.of("items", List.of(1L, 2L, 3L))), at, copies::size, (s, where, suffix) -> {
                    copies.add(new Copy(s, where, suffix));
                    budget.spend(1, 0, where);
                });
        assertThat(copies).hasSize(1);
        assertThat(problems.all()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0] (iteration 1 of items)"));
    }

    @Test
    void importFindsTheAuthorsSceneByItsRenderedId() throws Exception {
        JsonNode authorScenes = JSON.readTree("[{\"id\": \"intro\"}, {\"id\": \"outro\", \"iterate\": \"rooms\"}]");
        ImportDirective imports = new ImportDirective(authorScenes, new Substitution(budget, problems), problems);
        Scope scope = Scope.EMPTY.with(Map.of("which", "outro"));
        assertThat(imports.resolve(JSON.readTree("\"{{ which }}\""), scope, Location.of("scenes[5]")))
                .hasValueSatisfying(s -> {
                    assertThat(s.at()).isEqualTo(Location.of("scenes[1]"));
                    assertThat(s.scene()).isSameAs(authorScenes.get(1));
                });
        assertThat(imports.resolve(JSON.readTree("\"outro-0\""), scope, Location.of("scenes[5]")))
                .as("ids as written, not as iterate suffixes them").isEmpty();
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[5].import");
            assertThat(p.message()).isEqualTo("no scene has the id \"outro-0\"");
        });
    }
}
