package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Location;
import dev.moviola.movie.Problem;
import dev.moviola.movie.SourceMap;
import java.util.List;
import java.util.Map;

/**
 * A document after templating: conditions applied, iterations and imports expanded, variables substituted.
 *
 * @param document  the expanded document (values in {@link #deferred()} still hold their templates)
 * @param locations where each expanded scene and element came from ({@code scenes[3]} → {@code scenes[1]
 *                  (iteration 2 of rooms)})
 * @param deferred  values waiting for element timing variables
 */
public record Expansion(JsonNode document, Map<String, Location> locations, List<Deferred> deferred,
        List<Problem> warnings) implements SourceMap {

    public Expansion {
        locations = Map.copyOf(locations);
        deferred = List.copyOf(deferred);
        warnings = List.copyOf(warnings);
    }

    /** The same expansion with warnings about the document's text (repeated keys) before its own. */
    public Expansion withWarningsFirst(List<Problem> first) {
        List<Problem> all = new java.util.ArrayList<>(first);
        all.addAll(warnings);
        return new Expansion(document, locations, deferred, all);
    }

    @Override
    public Location locate(String expandedPath, Location fallback) {
        return locations.getOrDefault(expandedPath, fallback);
    }
}
