package dev.moviola.asset;

import dev.moviola.movie.AudioElement;
import dev.moviola.movie.Element;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.VideoElement;
import java.util.Map;

/** Every source of a movie made local, by the source text the document used. Immutable. */
public record Assets(Map<String, Asset> bySource) {

    public static final Assets NONE = new Assets(Map.of());

    public Assets {
        bySource = Map.copyOf(bySource);
    }

    /**
     * What an element reads: the picture, video or sound of its {@code src}, a text's {@code font-url} file;
     * null when it reads nothing.
     */
    public Asset of(Element e) {
        if (e instanceof ImageElement i) {
            return get(i.src());
        }
        if (e instanceof VideoElement v) {
            return get(v.src());
        }
        if (e instanceof AudioElement a) {
            return get(a.src());
        }
        if (e instanceof TextElement t && t.settings().fontUrl() != null) {
            return get(t.settings().fontUrl());
        }
        return null;
    }

    /** The asset for a source the resolver has seen; a missing one is a bug, not user error. */
    public Asset get(String src) {
        Asset a = bySource.get(src);
        if (a == null) {
            throw new IllegalStateException("source was not resolved before rendering: " + src);
        }
        return a;
    }
}
