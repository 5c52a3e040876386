package dev.moviola.asset;

import dev.moviola.storage.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Sources shared through a blob store, so that a scene can render on any machine that reaches it: the planner
 * {@link #put puts} each source once under {@code prefix + key}, and a task takes what it needs into its own
 * directory. A file appears there whole (written under a temporary name, then renamed), so tasks of one job that
 * want the same source at once at worst fetch it twice. Thread-safe.
 */
public final class BlobAssets implements AssetStore {
    private final BlobStore blobs;
    private final String prefix;
    private final Path dir;

    /**
     * @param prefix where the sources are in the store, ending in {@code /} (a job's own place)
     * @param dir    this machine's directory for them
     */
    public BlobAssets(BlobStore blobs, String prefix, Path dir) {
        this.blobs = blobs;
        this.prefix = prefix;
        this.dir = dir;
    }

    /** Stores every source of a render under {@code prefix}, each set of bytes once. */
    public static void put(BlobStore blobs, String prefix, Assets assets) throws IOException {
        Set<String> done = new HashSet<>();
        for (Asset a : assets.bySource().values()) {
            AssetRef ref = a.ref();
            if (done.add(ref.key()) && blobs.size(prefix + ref.key()).isEmpty()) {
                blobs.put(prefix + ref.key(), a.file());
            }
        }
    }

    @Override
    public Path file(AssetRef ref) throws IOException {
        Path file = dir.resolve(ref.key());
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + ref.key() + "." + UUID.randomUUID() + ".tmp");
        try {
            blobs.get(prefix + ref.key(), tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
