package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.moviola.movie.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The render plan is JSON that a worker reads back: every element type the model permits must be named among
 * {@link Element}'s JSON subtypes, or a plan holding one cannot be read (an audiogram's could not, once).
 */
class PlanElementTypesTest {

    @Test
    void everyElementTypeCanBeReadBackFromAPlan() {
        List<Class<?>> named = new ArrayList<>();
        for (JsonSubTypes.Type t : Element.class.getAnnotation(JsonSubTypes.class).value()) {
            named.add(t.value());
        }
        List<Class<?>> permitted = new ArrayList<>();
        collect(Element.class, permitted);
        assertThat(named).containsExactlyInAnyOrderElementsOf(permitted);
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        if (type.isInterface()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else {
            out.add(type);
        }
    }
}
