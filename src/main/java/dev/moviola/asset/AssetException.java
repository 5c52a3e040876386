package dev.moviola.asset;

/**
 * A source could not be fetched or decoded. Names the element (JSON path) and the URL or file, so the
 * author knows what to fix.
 */
public final class AssetException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String elementPath;
    private final String source;
    private final String reason;

    public AssetException(String elementPath, String source, String reason) {
        this(elementPath, source, reason, null);
    }

    /** @param cause what failed underneath (a timeout, a refused connection): tells passing failures from lasting ones */
    public AssetException(String elementPath, String source, String reason, Throwable cause) {
        super(elementPath + ": " + reason + " (\"" + source + "\")", cause);
        this.elementPath = elementPath;
        this.source = source;
        this.reason = reason;
    }

    /** What went wrong, without the path and source. */
    public String reason() {
        return reason;
    }

    public String elementPath() {
        return elementPath;
    }

    public String source() {
        return source;
    }
}
