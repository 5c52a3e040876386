package dev.moviola.asset;

import dev.moviola.movie.Element;
import dev.moviola.movie.Sourced;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every source of a movie made local, by the source text the document used. Immutable. Also the store a render
 * in this process reads its plan's sources from: they are where they were fetched to.
 */
public final class Assets implements AssetStore {

    public static final Assets NONE = new Assets(Map.of());

    private final Map<String, Asset> bySource;
    /** The same files by their bytes' hash: how a plan names them. */
    private final Map<String, Path> bySha = new HashMap<>();

    public Assets(Map<String, Asset> bySource) {
        this.bySource = Map.copyOf(bySource);
        bySource.values().forEach(a -> bySha.putIfAbsent(a.sha256(), a.file()));
    }

    public Map<String, Asset> bySource() {
        return bySource;
    }

    /** What an element reads first (the picture, video or sound of its {@code src}, a text's font); null when it reads nothing. */
    public Asset of(Element e) {
        List<Asset> all = all(e);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Everything an element reads, in the order of its sources. */
    public List<Asset> all(Element e) {
        return e instanceof Sourced s ? s.sources().stream().map(src -> get(src.src())).toList() : List.of();
    }

    /** The asset for a source the resolver has seen; a missing one is a bug, not user error. */
    public Asset get(String src) {
        Asset a = bySource.get(src);
        if (a == null) {
            throw new IllegalStateException("source was not resolved before rendering: " + src);
        }
        return a;
    }

    @Override
    public Path file(AssetRef ref) {
        Path file = bySha.get(ref.sha256());
        if (file == null) {
            throw new IllegalStateException("no source of this render has the bytes " + ref.key());
        }
        return file;
    }
}
