package dev.moviola.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in a local directory: each key is a file under it. Files go in and out as hard links when
 * they are on the same file system (a job's clips and its movie are then never copied), else as copies; a blob
 * is replaced by renaming a new file over it, never written in place, so a linked file never changes.
 */
public final class LocalBlobStore implements BlobStore {
    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path file(String key) {
        return root.resolve(BlobStore.checkKey(key));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            linkOrCopy(file, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void get(String key, Path target) throws IOException {
        Files.deleteIfExists(target);
        linkOrCopy(file(key), target);
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            Files.copy(from, to);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path f = file(key);
        return Files.isRegularFile(f) ? Optional.of(Files.size(f)) : Optional.empty();
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        FileChannel ch = FileChannel.open(file(key));
        ch.position(offset);
        return Channels.newInputStream(ch);
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path dir = file(prefix.replaceAll("/+$", ""));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
    }
}
