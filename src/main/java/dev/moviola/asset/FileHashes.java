package dev.moviola.asset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of local source files — what fingerprints use — remembered in the element cache by the file's
 * identity (device and inode, size, modification and change times), so an unchanged 200 MB video is not read
 * again at every render. Any write changes the times, so new bytes at the same path are always hashed.
 * As git does for its index, a file modified in the last few seconds is hashed but not remembered: a second
 * write within the file system's timestamp granularity could otherwise keep the same identity.
 */
final class FileHashes {
    static final String NAMESPACE = "file-hash";
    /** Longer than any file system's timestamp granularity (FAT: 2 s). */
    private static final long SETTLED_MILLIS = 3000;

    private final CacheStore cache;
    private final Path lookups;

    /** @param workDir this render's own directory */
    FileHashes(CacheStore cache, Path workDir) {
        this.cache = cache;
        this.lookups = workDir.resolve("file-hashes");
    }

    /** @param fresh hash it again even when remembered ({@code cache: false}) */
    String of(Path file, boolean fresh) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long changed = Math.max(a.lastModifiedTime().toMillis(), changeTime(file).toMillis());
        String identity = (a.fileKey() != null ? a.fileKey() : file.toRealPath()) + "|" + a.size() + "|"
                + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "|" + changeTime(file).to(TimeUnit.NANOSECONDS);
        String key = sha256(identity);
        if (!fresh) {
            Optional<CacheEntry> known = cache.get(NAMESPACE, key, lookups);
            if (known.isPresent() && known.get().meta().hasNonNull("sha256")) {
                return known.get().meta().get("sha256").asText();
            }
        }
        String hash = sha256(file);
        if (System.currentTimeMillis() - changed > SETTLED_MILLIS) {
            cache.put(NAMESPACE, key, Fresh.of(Map.of(), JsonNodeFactory.instance.objectNode().put("sha256", hash)));
        }
        return hash;
    }

    /** The inode's change time where the system has one (any write or rename updates it), else the modification time. */
    private static FileTime changeTime(Path file) throws IOException {
        try {
            return (FileTime) Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getLastModifiedTime(file);
        }
    }

    static String sha256(Path file) throws IOException {
        return CacheStore.sha256(file);
    }

    private static String sha256(String s) {
        return Fetcher.sha256(s);
    }
}
