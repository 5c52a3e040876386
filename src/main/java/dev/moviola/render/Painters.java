package dev.moviola.render;

import dev.moviola.movie.AudiogramElement;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.VideoElement;
import dev.moviola.movie.VisualElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which painter draws which kind of visual element: the one place a new visual element type is added to
 * rendering. Every element type the model permits must have one; a missing one fails the first render (and the
 * unit test) rather than a document that happens to use it.
 */
final class Painters {
    private static final Map<Class<? extends VisualElement>, LayerPainter> BY_TYPE = Map.of(
            ImageElement.class, new MediaPainter(),
            VideoElement.class, new MediaPainter(),
            TextElement.class, new TextPainter(),
            AudiogramElement.class, new AudiogramPainter(),
            dev.moviola.movie.ComponentElement.class, new ComponentPainter(),
            dev.moviola.movie.HtmlElement.class, new MediaPainter());

    static {
        List<String> missing = unpainted();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no painter for the visual element types " + missing);
        }
    }

    private Painters() {
    }

    static LayerPainter of(VisualElement e) {
        return BY_TYPE.get(e.getClass());
    }

    /** The visual element types the model permits that have no painter. */
    static List<String> unpainted() {
        List<String> missing = new ArrayList<>();
        collect(VisualElement.class, missing);
        return missing;
    }

    private static void collect(Class<?> type, List<String> missing) {
        if (type.isInterface()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, missing);
            }
        } else if (!BY_TYPE.containsKey(type)) {
            missing.add(type.getSimpleName());
        }
    }
}
