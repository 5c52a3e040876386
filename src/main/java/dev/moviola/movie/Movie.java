package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A movie document, validated: scenes played one after another, plus movie-level elements (music,
 * overlays) that span the whole movie.
 *
 * @param clientData the caller's opaque {@code client-data}, echoed back (a private copy; never mutated)
 * @param exports    the {@code exports} delivery instructions as written (delivered by the service)
 */
public record Movie(
        List<Scene> scenes,
        List<Element> elements,
        Resolution resolution,
        Fps fps,
        Quality quality,
        boolean cache,
        boolean draft,
        String id,
        JsonNode clientData,
        List<JsonNode> exports) {

    public Movie {
        scenes = List.copyOf(scenes);
        elements = List.copyOf(elements);
        exports = List.copyOf(exports);
    }
}
