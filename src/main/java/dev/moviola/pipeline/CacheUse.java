package dev.moviola.pipeline;

/**
 * How a render used the caches (SPEC §4), as {@code moviola render --json} and the job API report it.
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

    public boolean movieHit() {
        return movie.equals("hit");
    }
}
