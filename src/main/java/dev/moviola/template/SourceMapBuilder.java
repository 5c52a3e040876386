package dev.moviola.template;

import dev.moviola.movie.Location;
import java.util.HashMap;
import java.util.Map;

/**
 * Records where each expanded scene, element and preload item came from, for {@link Expansion} to answer as the
 * {@link dev.moviola.movie.SourceMap}: after iterate, import and dropped conditions, an expanded index no longer
 * names the author's. Paths are written as {@link dev.moviola.movie.MovieReader} asks for them.
 */
final class SourceMapBuilder {
    private final Map<String, Location> locations = new HashMap<>();

    void scene(int scene, Location at) {
        locations.put("scenes[" + scene + "]", at);
    }

    void sceneElement(int scene, int element, Location at) {
        locations.put("scenes[" + scene + "].elements[" + element + "]", at);
    }

    void movieElement(int element, Location at) {
        locations.put("elements[" + element + "]", at);
    }

    void preload(int item, Location at) {
        locations.put("preload[" + item + "]", at);
    }

    /** Expanded path → author's location. */
    Map<String, Location> locations() {
        return locations;
    }
}
