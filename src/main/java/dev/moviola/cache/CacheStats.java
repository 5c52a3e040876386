package dev.moviola.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store holds: entries and bytes by namespace ({@code movie}, {@code scene}, {@code download}, …).
 *
 * @param maxBytes the bound beyond which least recently used entries are evicted
 */
public record CacheStats(Path root, long maxBytes, Map<String, Usage> namespaces) {
    public record Usage(long entries, long bytes) {
    }

    public CacheStats {
        namespaces = java.util.Collections.unmodifiableMap(new TreeMap<>(namespaces));
    }

    static CacheStats of(Path root, long maxBytes, List<EntryFiles.Listed> entries) {
        Map<String, Usage> by = new TreeMap<>();
        for (EntryFiles.Listed e : entries) {
            by.merge(e.namespace(), new Usage(1, e.bytes()), (a, b) -> new Usage(a.entries() + b.entries(), a.bytes() + b.bytes()));
        }
        return new CacheStats(root, maxBytes, by);
    }

    public long entries() {
        return namespaces.values().stream().mapToLong(Usage::entries).sum();
    }

    public long bytes() {
        return namespaces.values().stream().mapToLong(Usage::bytes).sum();
    }
}
