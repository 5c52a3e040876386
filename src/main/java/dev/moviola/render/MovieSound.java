package dev.moviola.render;

import java.io.IOException;
import java.nio.file.Path;

/** The movie's mixed sound, for a scene that draws it (an audiogram): made, or taken from the cache, when first asked. */
@FunctionalInterface
public interface MovieSound {
    /** A scene renderer with no sound to give: asking is a bug in whoever rendered a scene that draws it. */
    MovieSound NONE = () -> {
        throw new IOException("the movie's sound is not available to this scene");
    };

    /** The mixed sound's file (on the movie's time line, starting at its first frame). */
    Path file() throws IOException, InterruptedException;
}
