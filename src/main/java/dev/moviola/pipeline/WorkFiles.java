package dev.moviola.pipeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A render's files: its temporary work directory, and the output, which is written under a hidden temporary
 * name beside its target and moved into place only when complete.
 */
public final class WorkFiles {
    private static final Logger LOG = LoggerFactory.getLogger(WorkFiles.class);

    private WorkFiles() {
    }

    /** A fresh directory for one render's temporary files. */
    public static Path createWorkDir(Path parent) throws RenderFailure {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "moviola-");
        } catch (IOException e) {
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot create a work directory under " + parent + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where the output is written before it is complete: a hidden name in the target's directory (so the final
     * move is a rename). Not a createTempFile, whose owner-only permissions the output would keep: created by an
     * ordinary write, it gets the user's usual ones.
     */
    static Path partialNextTo(Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + output.getFileName() + "." + UUID.randomUUID() + ".partial");
    }

    static void copy(Path from, Path partial) throws RenderFailure {
        try {
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot write " + partial.getParent() + ": " + e.getMessage(),
                    null, null, e);
        }
    }

    static void moveIntoPlace(Path partial, Path output) throws RenderFailure {
        try {
            try {
                Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a directory and everything in it. Another thread may be removing the same directory (the tasks of a
     * cancelled job clean up together), or still finishing a file in it (a download stopping after its render was
     * cancelled): files that vanish meanwhile are no failure, and the walk is made again while the directory stays.
     */
    public static void deleteRecursively(Path dir) {
        IOException last = null;
        for (int attempt = 0; attempt < 3 && dir != null && Files.exists(dir); attempt++) {
            last = null;
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (java.nio.file.DirectoryNotEmptyException e) {
                        last = e; // something was written into it meanwhile: the next walk takes it
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // removed by someone else while walking
            } catch (java.io.UncheckedIOException e) {
                last = e.getCause() instanceof java.nio.file.NoSuchFileException ? null : e.getCause();
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null && dir != null && Files.exists(dir)) {
            LOG.warn("could not remove {}: {} ({})", dir, last.getMessage(), last.getClass().getSimpleName());
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.getMessage());
        }
    }
}
