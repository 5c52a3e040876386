package dev.moviola.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a movie document from a file given on the command line ({@code -} for stdin). */
final class MovieFiles {
    private MovieFiles() {
    }

    static boolean isStdin(Path movie) {
        return movie.toString().equals("-");
    }

    /** The document's text; a file that is missing or unreadable is a usage error (exit 2), not an invalid movie. */
    static String read(Path movie) {
        try {
            if (isStdin(movie)) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (Files.isDirectory(movie)) {
                throw new Main.UsageException(movie + ": is a directory, not a movie file");
            }
            return Files.readString(movie, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Main.UsageException(movie + ": file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Main.UsageException(movie + ": not a text file (a movie is JSON in UTF-8)");
        } catch (IOException e) {
            throw new Main.UsageException(movie + ": cannot be read: " + e.getMessage());
        }
    }

    /** Relative sources are relative to the movie file (to the current directory for stdin). */
    static Path baseDir(Path movie) {
        Path abs = movie.toString().equals("-") ? Path.of("").toAbsolutePath() : movie.toAbsolutePath();
        return movie.toString().equals("-") ? abs : abs.getParent();
    }
}
