package dev.moviola.cache;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second cache tier that several machines share (in a cluster, the bucket: docs/cluster.md#s3-compatible-storage), behind the
 * bounded local {@link CacheStore}. The store keeps the protocol, so a tier only moves named files: on a put it uploads
 * an entry's files and then its manifest, last, so an entry is visible in the tier only once it is whole; on a local
 * miss it downloads the manifest first and then the files it lists, and verifies them before committing them
 * locally. Moviola never evicts from the tier: its size is the operator's to bound (a lifecycle rule).
 */
public interface SharedTier {

    /**
     * Writes one file of an entry to {@code target} (replacing it).
     *
     * @return false when the tier has no such file
     */
    boolean download(String namespace, String key, String name, Path target) throws IOException;

    /** Stores one file of an entry, replacing what was there; readers see the old file or the new one, whole. */
    void upload(String namespace, String key, String name, Path file) throws IOException;

    /** Where the tier is, for log lines (never with credentials). */
    String describe();
}
