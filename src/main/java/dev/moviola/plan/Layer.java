package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.movie.VisualElement;

/**
 * One visual element as drawn in one scene. Times are on the scene's frame grid; "local" time is the
 * element's own clock (0 = its start), which differs from scene time for movie-level elements that began in
 * an earlier scene.
 *
 * @param asset       the picture or video; for text, its {@code font-url} file (or null)
 * @param fromFrame   first scene frame that shows the element
 * @param toFrame     scene frame after the last one that shows it
 * @param startFrame  scene frame of the element's local time 0 (negative when it began in an earlier scene)
 * @param play        seconds the content plays before it holds its last frame (its duration)
 * @param slot        seconds it stays in all (play + extra-time, cut at its container's end); fade-out ends here
 */
public record Layer(VisualElement element, Asset asset, long fromFrame, long toFrame, long startFrame, double play,
        double slot) {
}
