package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A movie document, validated: scenes played one after another, plus movie-level elements (music,
 * overlays) that span the whole movie.
 *
 * @param preload    elements made ready before the scenes, whose sources templates reach as {@code {{ id_url }}}
 * @param clientData the caller's opaque {@code client-data}, echoed back (a private copy; never mutated)
 * @param exports    the webhook destinations of {@code exports}, in order (delivered by the service)
 */
public record Movie(
        List<Scene> scenes,
        List<Element> elements,
        List<Element> preload,
        Resolution resolution,
        Fps fps,
        Quality quality,
        boolean cache,
        boolean draft,
        String id,
        JsonNode clientData,
        List<Webhook> exports) {

    /** The same movie rendered at another quality (the CLI's {@code --quality}). */
    public Movie withQuality(Quality other) {
        return new Movie(scenes, elements, preload, resolution, fps, other, cache, draft, id, clientData, exports);
    }

    /** This movie with its {@code cache} flag set to false (the CLI's {@code --no-cache}). */
    public Movie withoutCache() {
        return new Movie(scenes, elements, preload, resolution, fps, quality, false, draft, id, clientData, exports);
    }

    /**
     * Whether a cached render of this whole movie may stand for it: nothing in it (movie, scene or element) says
     * {@code cache: false}.
     */
    public boolean reusable() {
        return cache && elements.stream().allMatch(Element::cache)
                && scenes.stream().allMatch(s -> s.cache() && s.elements().stream().allMatch(Element::cache));
    }

    public Movie {
        scenes = List.copyOf(scenes);
        elements = List.copyOf(elements);
        preload = List.copyOf(preload);
        exports = List.copyOf(exports);
    }
}
