package dev.moviola.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The lock on a data directory's {@code .lock} file, held by the server using the directory: two servers on one
 * directory would run the same jobs and share work files.
 */
public final class DataDirLock implements Dialect.Claim {
    /**
     * The data directories this process holds the lock of. A directory locked already is known without opening the
     * lock file again: closing a second channel of the file would release this process's lock on it (POSIX record
     * locks belong to the process, not to the channel).
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final FileChannel file;
    private final FileLock lock;
    private final Path dir;

    private DataDirLock(FileChannel file, FileLock lock, Path dir) {
        this.file = file;
        this.lock = lock;
        this.dir = dir;
    }

    /**
     * Takes the lock of a directory (made when missing) for this process, or says who must give it up.
     *
     * @param what what the directory holds, for the message ("work files and cache")
     */
    public static DataDirLock lock(Path dataDir, String what) throws IOException {
        java.nio.file.Files.createDirectories(dataDir);
        DataDirLock lock = tryLock(dataDir);
        if (lock == null) {
            throw new IOException("the data directory " + dataDir.toAbsolutePath() + " (" + what + ") is in use by"
                    + " another Moviola process; give each process its own --data-dir");
        }
        return lock;
    }

    /** Takes the lock of an existing directory; null when a process (this one included) holds it. */
    static DataDirLock tryLock(Path dataDir) throws IOException {
        Path dir = dataDir.toRealPath();
        synchronized (HELD) {
            if (HELD.contains(dir)) {
                return null;
            }
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close(); // another process holds it; this one holds no lock on the file that closing could drop
                return null;
            }
            HELD.add(dir);
            return new DataDirLock(ch, lock, dir);
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            try {
                lock.release();
                file.close();
            } catch (IOException e) {
                // the process is ending anyway
            }
            HELD.remove(dir);
        }
    }
}
