package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * How a render used the caches (docs/format.md#caching), as {@code moviola render --json} and the job API report
 * it. Both runners make it the same way: {@link #planned} when planning is done, then what rendering adds.
 *
 * @param movie          {@code hit} (the output was reused), {@code miss}, or {@code skipped} when a
 *                       {@code cache: false} asked for a fresh movie
 * @param scenesHit      scene clips reused
 * @param scenesRendered scene clips rendered
 * @param transitionsHit transitions whose blended frames were reused
 * @param transitionsRendered transitions blended
 * @param soundHit       the movie's mixed sound was reused
 * @param elementsHit    sources neither downloaded nor probed (element cache, or a local file seen before)
 * @param elementsFetched sources downloaded or probed for this render
 */
public record CacheUse(String movie, int scenesHit, int scenesRendered, int transitionsHit,
        int transitionsRendered, boolean soundHit, int elementsHit, int elementsFetched) {

    /** What became of the movie cache's entry. */
    public enum Movie {
        HIT, MISS, SKIPPED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The use as planning leaves it: the movie found or not, the sources; nothing rendered yet. */
    public static CacheUse planned(Stages.Planned planned) {
        Movie movie = planned.movieHit() ? Movie.HIT : planned.reuseMovie() ? Movie.MISS : Movie.SKIPPED;
        return new CacheUse(movie.word(), 0, 0, 0, 0, false, planned.elementsHit(), planned.elementsFetched());
    }

    public boolean movieHit() {
        return movie.equals(Movie.HIT.word());
    }

    /** The same use once the movie came from the cache after all (another render made it meanwhile). */
    public CacheUse withMovieHit() {
        return new CacheUse(Movie.HIT.word(), scenesHit, scenesRendered, transitionsHit, transitionsRendered, soundHit,
                elementsHit, elementsFetched);
    }

    /** The same use with what rendering the scenes, transitions and sound found. */
    public CacheUse withRendering(int scenesHit, int scenesRendered, int transitionsHit, int transitionsRendered,
            boolean soundHit) {
        return new CacheUse(movie, scenesHit, scenesRendered, transitionsHit, transitionsRendered, soundHit,
                elementsHit, elementsFetched);
    }

    /** The job API's {@code cache} object: {@code movie, scenesHit, scenesRendered, elementsHit}. */
    public ObjectNode api() {
        return JsonNodeFactory.instance.objectNode().put("movie", movie).put("scenesHit", scenesHit)
                .put("scenesRendered", scenesRendered).put("elementsHit", elementsHit);
    }
}
