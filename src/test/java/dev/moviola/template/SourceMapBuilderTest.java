package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.movie.Location;
import dev.moviola.movie.SourceMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The source map answers the paths the movie reader asks for ({@code Location.key(…).index(…).path()}): a
 * mismatch would not fail, it would quietly send messages to the expanded paths.
 */
class SourceMapBuilderTest {
    @Test
    void answersThePathsTheMovieReaderAsksFor() {
        SourceMapBuilder b = new SourceMapBuilder();
        Location second = new Location("scenes[1]", "iteration 2 of rooms");
        b.scene(3, second);
        b.sceneElement(3, 0, second.key("elements").index(1));
        b.movieElement(0, Location.of("elements[2]"));
        b.preload(1, Location.of("preload[4]"));
        SourceMap map = new Expansion(JsonNodeFactory.instance.objectNode(), b.locations(), List.of(), List.of());

        Location fallback = Location.of("unmapped");
        Location scene = Location.of("scenes[3]");
        assertThat(map.locate(scene.path(), fallback)).isEqualTo(second);
        assertThat(map.locate(scene.key("elements").index(0).path(), fallback).toString())
                .isEqualTo("scenes[1].elements[1] (iteration 2 of rooms)");
        assertThat(map.locate(Location.ROOT.key("elements").index(0).path(), fallback)).isEqualTo(Location.of("elements[2]"));
        assertThat(map.locate(Location.ROOT.key("preload").index(1).path(), fallback)).isEqualTo(Location.of("preload[4]"));
        assertThat(map.locate("scenes[4]", fallback)).isSameAs(fallback);
    }
}
