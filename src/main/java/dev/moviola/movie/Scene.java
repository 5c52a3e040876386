package dev.moviola.movie;

import java.util.List;

/**
 * One scene: elements drawn over a background colour for a duration, rendered on its own and stitched.
 *
 * @param where    where the scene is in the document ({@code scenes[3]}), for messages
 * @param duration   seconds, or {@link Timing#AUTO} (-1) for "until the last timed element ends"
 * @param transition how the scene begins over the end of the previous one, or null for a cut
 */
public record Scene(Location where, String id, double duration, Color background, List<Element> elements,
        Transition transition, boolean cache) {

    public Scene {
        elements = List.copyOf(elements);
    }
}
