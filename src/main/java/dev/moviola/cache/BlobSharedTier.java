package dev.moviola.cache;

import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The shared tier in a {@link BlobStore} (in a cluster, the S3-compatible bucket every process shares): an entry's files
 * are the keys {@code cache/{namespace}/{key}/{name}}, its manifest {@code cache/{namespace}/{key}/manifest.json}.
 */
public final class BlobSharedTier implements SharedTier {
    private final BlobStore blobs;
    private final String where;

    /** @param where the store's location for log lines ({@code s3://bucket/prefix}) */
    public BlobSharedTier(BlobStore blobs, String where) {
        this.blobs = blobs;
        this.where = where;
    }

    static String blobKey(String namespace, String key, String name) {
        return "cache/" + namespace + "/" + key + "/" + name;
    }

    @Override
    public boolean download(String namespace, String key, String name, Path target) throws IOException {
        try {
            blobs.get(blobKey(namespace, key, name), target);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void upload(String namespace, String key, String name, Path file) throws IOException {
        blobs.put(blobKey(namespace, key, name), file);
    }

    @Override
    public String describe() {
        return where + "/cache";
    }
}
