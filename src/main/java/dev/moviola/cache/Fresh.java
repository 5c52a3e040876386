package dev.moviola.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a producer made for the cache: files (anywhere; the store takes its own copy or hard link) and metadata.
 *
 * @param copy true when the files will leave the caller's hands (a user's output file that may be overwritten
 *             in place later): the store then copies them instead of hard-linking
 */
public record Fresh(Map<String, Path> files, JsonNode meta, boolean copy) {
    public Fresh {
        files = Map.copyOf(files);
    }

    /** Files that stay the caller's own work files: the store may hard-link them. */
    public static Fresh of(Map<String, Path> files, JsonNode meta) {
        return new Fresh(files, meta, false);
    }

    /** Files handed on to someone else afterwards: the store keeps a copy. */
    public static Fresh copied(Map<String, Path> files, JsonNode meta) {
        return new Fresh(files, meta, true);
    }
}
