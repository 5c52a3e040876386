package dev.moviola.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/** File operations of the store: hard link or copy, hashing and checking, listing entries, deleting. */
final class EntryFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Whether hard links work between the places this store meets (they do not across file systems); once they
     * fail, copies are used. A benign race: two threads may both try a link that fails.
     */
    private volatile boolean links = true;

    /** An entry directory as listed for statistics and eviction. */
    record Listed(String namespace, Path dir, FileTime lastUsed, long bytes) {
    }

    /**
     * Puts {@code source}'s bytes at {@code target}: a hard link when allowed and possible, else a copy. The
     * target is replaced in one rename, so a reader of an earlier copy at that path never sees it missing.
     */
    void transfer(Path source, Path target, boolean copy) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            boolean linked = false;
            if (!copy && links) {
                try {
                    Files.createLink(tmp, source);
                    linked = true;
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (FileSystemException | UnsupportedOperationException e) {
                    links = false;
                }
            }
            if (!linked) {
                Files.copy(source, tmp);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Both checksums a manifest records, from one read of the file. */
    record Sums(String sha256, String crc32c) {
    }

    static Sums sums(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf.duplicate());
                md.update(buf);
                buf.clear();
            }
            return new Sums(HexFormat.of().formatHex(md.digest()), Long.toHexString(crc.getValue()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CRC-32C of a file, hex: intrinsic in every JIT tier, so fast even in a process that just started. */
    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return Long.toHexString(crc.getValue());
    }

    /** Whether a file has its recorded size and checksum (the SHA-256 for entries that recorded no CRC-32C). */
    static boolean matches(Path file, Manifest.FileRecord record) throws IOException {
        if (Files.size(file) != record.size()) {
            return false;
        }
        return record.crc32c() != null ? crc32c(file).equals(record.crc32c()) : sha256(file).equals(record.sha256());
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.equals(Manifest.FILE)) {
            throw new IllegalArgumentException("not a cache file name: " + name);
        }
        return name;
    }

    /** Every committed entry: {@code root/namespace/xx/key/} with a manifest. */
    static List<Listed> listEntries(Path root) throws IOException {
        List<Listed> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> namespaces = Files.list(root)) {
            for (Path ns : (Iterable<Path>) namespaces::iterator) {
                if (!Files.isDirectory(ns) || ns.getFileName().toString().equals("tmp")) {
                    continue;
                }
                try (Stream<Path> dirs = Files.find(ns, 2, (p, a) -> a.isDirectory() && p.getNameCount() == ns.getNameCount() + 2)) {
                    for (Path dir : (Iterable<Path>) dirs::iterator) {
                        listed(ns.getFileName().toString(), dir).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private static java.util.Optional<Listed> listed(String namespace, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long bytes = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                bytes += Files.size(f);
            }
            return java.util.Optional.of(new Listed(namespace, dir, Files.getLastModifiedTime(dir.resolve(Manifest.FILE)), bytes));
        } catch (IOException e) {
            return java.util.Optional.empty(); // being written, replaced or evicted right now
        }
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // left for the next cleaning
                }
            });
        } catch (IOException e) {
            // left for the next cleaning
        }
    }
}
