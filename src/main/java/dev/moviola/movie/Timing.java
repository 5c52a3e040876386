package dev.moviola.movie;

/**
 * When an element plays inside its container (scene, or the movie for movie-level elements), in seconds.
 *
 * @param duration seconds &gt; 0, or {@link #AUTO} (-1: the asset's own length, else to the container's end),
 *                 or {@link #CONTAINER} (-2: exactly to the container's end)
 * @param extraTime seconds the element stays, frozen (visual) or silent (audio), after its duration
 */
public record Timing(double start, double duration, double extraTime, double fadeIn, double fadeOut) {
    public static final double AUTO = -1;
    public static final double CONTAINER = -2;

    public boolean isAuto() {
        return duration == AUTO;
    }

    public boolean fitsContainer() {
        return duration == CONTAINER;
    }
}
