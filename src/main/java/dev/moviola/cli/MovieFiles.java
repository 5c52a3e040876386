package dev.moviola.cli;

import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading a movie document from a file given on the command line ({@code -} for stdin). */
final class MovieFiles {
    private MovieFiles() {
    }

    static String read(Path movie) throws InvalidMovieException {
        try {
            if (movie.toString().equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(movie, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidMovieException(List.of(Problem.error("", "cannot read the movie file " + movie + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()))));
        }
    }

    /** Relative sources are relative to the movie file (to the current directory for stdin). */
    static Path baseDir(Path movie) {
        Path abs = movie.toString().equals("-") ? Path.of("").toAbsolutePath() : movie.toAbsolutePath();
        return movie.toString().equals("-") ? abs : abs.getParent();
    }
}
