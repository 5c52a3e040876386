package dev.moviola.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cache entry as its user sees it: its files, each verified against the size and SHA-256 recorded when it
 * was stored, and the metadata stored with them.
 *
 * @param files by name; the paths are the caller's own (linked or copied out of the store, or the files it just
 *              produced), so an eviction running meanwhile cannot take them away
 * @param meta  what the producer recorded with the files (frame counts, warnings, HTTP validators…)
 * @param sha256 each file's SHA-256 as recorded (or computed when stored); empty when the entry could not be stored
 */
public record CacheEntry(String key, Map<String, Path> files, JsonNode meta, Map<String, String> sha256) {
    public CacheEntry {
        files = Map.copyOf(files);
        sha256 = Map.copyOf(sha256);
    }

    /** The file of that name; an entry without it is a bug in the layer that stored it. */
    public Path file(String name) {
        Path p = files.get(name);
        if (p == null) {
            throw new IllegalStateException("cache entry " + key + " has no file " + name);
        }
        return p;
    }
}
