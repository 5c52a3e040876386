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
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot create a work directory under " + parent + ": "
                    + e.getMessage(), null, null, e);
        }
    }

    /**
     * Where the output is written before it is complete: a hidden name in the target's directory (so the final
     * move is a rename). Not a createTempFile: ffmpeg creates it, so it gets the user's usual permissions.
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
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write " + partial.getParent() + ": " + e.getMessage(),
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
            throw new RenderFailure("ASSEMBLE_FAILED", "cannot write " + output + ": " + e.getMessage(), null, null, e);
        }
    }

    /**
     * Removes a directory and everything in it. Another thread may be removing the same directory (the tasks of a
     * cancelled job clean up together): files that vanish meanwhile are no failure, the walk is made again.
     */
    public static void deleteRecursively(Path dir) {
        Exception last = null;
        for (int attempt = 0; attempt < 3 && dir != null && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(WorkFiles::deleteQuietly);
            } catch (IOException | java.io.UncheckedIOException e) {
                boolean vanished = e instanceof java.nio.file.NoSuchFileException
                        || e.getCause() instanceof java.nio.file.NoSuchFileException;
                last = vanished ? null : e;
            }
        }
        if (last != null && Files.exists(dir)) {
            LOG.warn("could not remove {}: {}", dir, last.getMessage());
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
