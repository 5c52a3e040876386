package dev.moviola.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a service keeps the files of its jobs, by key ({@code render-plans/{jobId}/plan.json},
 * {@code outputs/{jobId}/output.mp4}; docs/architecture.md#jobs-in-the-service): a local directory in embedded mode, an S3-compatible bucket in a
 * cluster. Keys are relative, '/'-separated, without '..'.
 */
public interface BlobStore {

    /**
     * Stores {@code file}'s bytes under {@code key}, replacing what was there; readers never see half a file.
     * The file must not be written to afterwards: a local store may share it (a hard link) rather than copy it.
     */
    void put(String key, Path file) throws IOException;

    /**
     * Writes a stored blob to {@code target} (replacing it), which must not be written to afterwards: a local
     * store may share the file rather than copy it.
     */
    default void get(String key, Path target) throws IOException {
        try (InputStream in = open(key, 0)) {
            java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The size of a stored blob, or empty when there is none. */
    Optional<Long> size(String key) throws IOException;

    /** Opens a stored blob from {@code offset}; the caller closes the stream. */
    InputStream open(String key, long offset) throws IOException;

    /**
     * Opens {@code length} bytes of a stored blob from {@code offset} (fewer at its end); the caller closes the
     * stream. A remote store asks for just those bytes (a Range request); a local one reads them from its file.
     */
    default InputStream open(String key, long offset, long length) throws IOException {
        return new BoundedInputStream(open(key, offset), Math.max(0, length));
    }

    /** Removes every blob whose key starts with {@code prefix} (a "directory" such as {@code outputs/job_x/}). */
    void deleteAll(String prefix) throws IOException;

    /** Checks a key: relative, '/'-separated names of letters, digits, '.', '_' and '-', never '..'. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("//")
                || !key.matches("[A-Za-z0-9._/-]+") || java.util.Arrays.asList(key.split("/")).contains("..")
                || java.util.Arrays.asList(key.split("/")).contains(".")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return key;
    }
}
