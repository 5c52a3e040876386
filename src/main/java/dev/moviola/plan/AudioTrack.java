package dev.moviola.plan;

import java.nio.file.Path;

/**
 * One sound placed on the movie's timeline (an audio element, or the soundtrack of a video element).
 * Times are exact seconds, not rounded to frames: the mix is sample-accurate.
 *
 * @param source       the element's JSON path, for messages
 * @param start        movie seconds at which it starts
 * @param play         seconds it plays (after which it is silent), already cut at its container's end
 * @param seek         seconds skipped at the start of the file
 * @param loop         plays of the file (from the seek point), or -1 to repeat until {@code play} is filled
 * @param gain         linear volume
 */
public record AudioTrack(String source, Path file, double start, double play, double seek, int loop,
        double gain, double fadeIn, double fadeOut) {
}
