package dev.moviola.asset;

import java.util.Map;

/** Every source of a movie made local, by the source text the document used. Immutable. */
public record Assets(Map<String, Asset> bySource) {

    public static final Assets NONE = new Assets(Map.of());

    public Assets {
        bySource = Map.copyOf(bySource);
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
