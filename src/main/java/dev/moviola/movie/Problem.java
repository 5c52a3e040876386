package dev.moviola.movie;

/**
 * One thing wrong with (or worth knowing about) a movie document, located by its JSON path.
 *
 * <p>The message says what was found and how to fix it; the path is the user's own key names
 * ({@code scenes[2].elements[0].src}).
 */
public record Problem(Severity severity, String path, String message) {

    /** Errors stop a render; warnings are reported with the result. */
    public enum Severity { ERROR, WARNING }

    public static Problem error(String path, String message) {
        return new Problem(Severity.ERROR, path, message);
    }

    public static Problem warning(String path, String message) {
        return new Problem(Severity.WARNING, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(movie)" : path) + ": " + message;
    }
}
