package dev.moviola.plan;

import dev.moviola.asset.AssetRef;
import dev.moviola.movie.VisualElement;
import java.util.List;

/**
 * One visual element as drawn in one scene. Times are on the scene's frame grid; "local" time is the
 * element's own clock (0 = its start), which differs from scene time for movie-level elements that began in
 * an earlier scene.
 *
 * @param element     the element, its sources named by their {@link AssetRef#key() keys}
 * @param assets      what it reads, in the order of its sources (a picture or video; a text's {@code font-url})
 * @param fromFrame   first scene frame that shows the element
 * @param toFrame     scene frame after the last one that shows it
 * @param startFrame  scene frame of the element's local time 0 (negative when it began in an earlier scene)
 * @param play        seconds the content plays before it holds its last frame (its duration)
 * @param slot        seconds it stays in all (play + extra-time, cut at its container's end); fade-out ends here
 */
public record Layer(VisualElement element, List<AssetRef> assets, long fromFrame, long toFrame, long startFrame,
        double play, double slot) {

    public Layer {
        assets = List.copyOf(assets);
    }

    /** What it reads first (its picture or video, a text's font), or null when it reads nothing. */
    public AssetRef asset() {
        return assets.isEmpty() ? null : assets.get(0);
    }

    /** The picture its {@code mask} names, or null without one. */
    public AssetRef mask() {
        String key = element.visual().effects().mask();
        return key == null ? null : assets.stream().filter(a -> a.key().equals(key)).findFirst().orElse(null);
    }
}
