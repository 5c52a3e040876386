package dev.moviola.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a render may read besides its document (docs/security.md#local-files). The CLI's user is the operator: {@link #OPEN} reads any
 * URL and any file. The server is {@link #restricted}: URLs only from public addresses (or the operator's
 * {@code fetch-allow} list), local files only under {@code local-dirs}.
 *
 * @param allow     hosts and address ranges allowed although not public (server only)
 * @param localDirs directories whose files documents may name (server only; none: no local files)
 * @param resolver  how host names are resolved (tests use a fixed table)
 */
public record Access(boolean restricted, List<String> allow, List<Path> localDirs, Resolver resolver) {
    public static final Access OPEN = new Access(false, List.of(), List.of(), Resolver.SYSTEM);

    public Access {
        allow = List.copyOf(allow);
        localDirs = List.copyOf(localDirs);
    }

    /** The same lists, enforced: what the server uses. */
    public Access restrict() {
        return new Access(true, allow, localDirs, resolver);
    }

    public Access withResolver(Resolver r) {
        return new Access(restricted, allow, localDirs, r);
    }

    public AddressPolicy policy() {
        return restricted ? AddressPolicy.publicOnly(allow, resolver) : AddressPolicy.open(resolver);
    }

    /**
     * Checks that a local file may be read: always in the CLI; in the server only when its real path (links
     * followed, {@code ..} resolved) lies under one of the local directories.
     *
     * @return null when it may be read, else why not (for the author)
     */
    public String refusal(Path file) {
        return refusal(file, true);
    }

    /**
     * The same for a path as the document wrote it: a relative one names no file in the server, which has no
     * movie file to be relative to.
     */
    public String refusal(String written, Path file) {
        return refusal(file, written.regionMatches(true, 0, "file:", 0, 5) || Path.of(written).isAbsolute());
    }

    private String refusal(Path file, boolean absolute) {
        if (!restricted) {
            return null;
        }
        if (localDirs.isEmpty()) {
            return "the server reads no local files (an operator can allow directories with the local-dirs setting);"
                    + " give an http(s) URL";
        }
        String dirs = String.join(", ", localDirs.stream().map(Path::toString).toList());
        if (!absolute) {
            return "a relative path names no file in the server; give an absolute path under " + dirs
                    + " (the local-dirs setting), or an http(s) URL";
        }
        String where = "the server reads local files only under " + dirs + " (the local-dirs setting)";
        Path path = file.toAbsolutePath().normalize();
        if (localDirs.stream().noneMatch(d -> path.startsWith(d.toAbsolutePath().normalize()))) {
            return where + "; " + path + " is not under them";
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return null; // not there: the caller says so (it is under an allowed directory, so that tells nothing)
        }
        for (Path dir : localDirs) {
            try {
                if (real.startsWith(dir.toRealPath())) {
                    return null;
                }
            } catch (IOException e) {
                // a configured directory that does not exist allows nothing
            }
        }
        return where + "; " + path + " leads outside them through a link";
    }
}
