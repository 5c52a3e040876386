package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.movie.Location;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Substitution of {@code {{ }}} in one value: what is rendered, kept, deferred or reported. */
class SubstitutionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final Problems problems = new Problems();
    final Budget budget = new Budget(problems);
    final Substitution substitution = new Substitution(budget, problems);
    final Scope scope = Scope.EMPTY.with(Map.of("name", "Den", "n", 2L));

    JsonNode render(String json, String pointer) throws Exception {
        return substitution.render(JSON.readTree(json), scope, Location.of("scenes[0]"), pointer, 0);
    }

    @Test
    void timingIsDeferredAtAnEscapedPointerAndTheValueKeptAsWritten() throws Exception {
        JsonNode out = render("{\"a/b~c\": [\"x\", \"{{ intro_end + n }}\"], \"t\": \"{{ name }}\"}", "/scenes/0");
        assertThat(out.at("/a~1b~0c/1").asText()).isEqualTo("{{ intro_end + n }}");
        assertThat(out.get("t").asText()).isEqualTo("Den");
        assertThat(problems.all()).isEmpty();
        assertThat(substitution.deferred()).singleElement().satisfies(d -> {
            assertThat(d.pointer().toString()).isEqualTo("/scenes/0/a~1b~0c/1");
            assertThat(d.where().toString()).isEqualTo("scenes[0].a/b~c[1]");
            assertThat(d.template()).isEqualTo("{{ intro_end + n }}");
            assertThat(d.scope()).isSameAs(scope);
            assertThat(d.scene()).isZero();
        });
    }

    @Test
    void withoutAPointerTimingIsAProblem() throws Exception {
        render("\"{{ intro_end }}\"", null);
        assertThat(substitution.deferred()).isEmpty();
        assertThat(problems.all()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("variables cannot use element timing (\"intro_end\"); use it directly where it is needed"));
    }

    @Test
    void metadataAndSkippedKeysAreNotRendered() throws Exception {
        JsonNode out = substitution.renderFields(JSON.readTree("{\"_note\": \"{{ x }}\", \"condition\": \"{{ y }}\", \"t\": \"{{ n }}\"}"),
                Set.of("condition"), scope, Location.of("elements[0]"), "/elements/0", -1);
        assertThat(out.toString()).isEqualTo("{\"_note\":\"{{ x }}\",\"t\":2}");
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void onceTheBudgetIsSpentStringsAreKeptAsWritten() throws Exception {
        budget.spend(Budget.MAX_EVALUATIONS, 0, Location.ROOT);
        JsonNode out = render("[\"{{ name }}\", \"{{ name }}\"]", "/x");
        assertThat(out.toString()).isEqualTo("[\"{{ name }}\",\"{{ name }}\"]");
        assertThat(problems.all()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0][0]"));
    }
}
