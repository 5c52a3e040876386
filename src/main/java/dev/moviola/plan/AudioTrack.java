package dev.moviola.plan;

import dev.moviola.asset.AssetRef;

/**
 * One sound placed on the movie's timeline (an audio element, or the soundtrack of a video element).
 * Times are exact seconds, not rounded to frames: the mix is sample-accurate.
 *
 * @param source       the element's JSON path, for messages
 * @param asset        the sound file (or the video whose soundtrack it is), by content
 * @param start        movie seconds at which it starts
 * @param play         seconds it plays (after which it is silent), already cut at its container's end
 * @param seek         seconds skipped at the start of the file
 * @param loop         plays of the file (from the seek point), or -1 to repeat until {@code play} is filled
 * @param gain         linear volume
 * @param crossfade    how its scene's transitions fade it, in movie seconds; null for movie-level sounds
 * @param cache        false when its element says {@code cache: false}: the movie's sound is then mixed afresh
 */
public record AudioTrack(String source, AssetRef asset, double start, double play, double seek, int loop,
        double gain, double fadeIn, double fadeOut, Crossfade crossfade, boolean cache) {

    /** Fades a scene's sounds get where the scene blends with its neighbours: in over the first, out over the last. */
    public record Crossfade(double inStart, double in, double outStart, double out) {
    }
}
