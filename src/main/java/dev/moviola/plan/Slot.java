package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.movie.Element;
import dev.moviola.movie.Lasting;
import dev.moviola.movie.Timing;

/**
 * When an element plays inside its container, in container seconds: the rules of docs/format.md#timeline.
 *
 * @param start seconds from the container's start
 * @param play  seconds the content plays (the element's duration)
 * @param end   when it leaves: start + play + extra-time, never after the container's end
 */
record Slot(double start, double play, double end) {

    /**
     * Where the element sits in a container of the given length (which may be infinite while a {@code -1} scene's
     * own length is being worked out).
     */
    static Slot of(Element e, Asset asset, double containerLength) {
        Timing t = e.timing();
        double start = t.start();
        double play;
        if (t.duration() > 0) {
            play = t.duration();
        } else if (t.fitsContainer()) {
            play = containerLength - start;
        } else {
            double own = contentLength(e, asset);
            play = Double.isFinite(own) ? own : containerLength - start;
        }
        play = Math.max(0, Math.min(play, containerLength - start));
        double end = Math.min(start + play + t.extraTime(), containerLength);
        return new Slot(start, play, Math.max(start, end));
    }

    /**
     * Whether the element's length is known without its container: an explicit duration, or the length of its
     * media. Only such elements decide how long a {@code duration: -1} scene lasts.
     */
    static boolean hasOwnLength(Element e, Asset asset) {
        Timing t = e.timing();
        return t.duration() > 0 || (t.isAuto() && Double.isFinite(contentLength(e, asset)));
    }

    /**
     * Seconds of content the element has on its own: the media's length after the seek point, times the number
     * of plays; infinite when it loops forever; NaN when it has no length (a still, a text).
     */
    static double contentLength(Element e, Asset asset) {
        if (!(e instanceof Lasting l) || asset == null || asset.info() == null) {
            return Double.NaN;
        }
        return l.ownLength(asset.length());
    }
}
