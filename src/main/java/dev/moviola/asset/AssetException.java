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
    /** Every source that failed, this one first (more than one when several could not be used). */
    private final transient java.util.List<AssetException> all;

    public AssetException(String elementPath, String source, String reason) {
        this(elementPath, source, reason, null);
    }

    /** @param cause what failed underneath (a timeout, a refused connection): tells passing failures from lasting ones */
    public AssetException(String elementPath, String source, String reason, Throwable cause) {
        super(elementPath + ": " + reason + " (\"" + source + "\")", cause);
        this.elementPath = elementPath;
        this.source = source;
        this.reason = reason;
        this.all = java.util.List.of(this);
    }

    private AssetException(java.util.List<AssetException> failures) {
        super(failures.size() + " sources cannot be used: " + String.join("; ",
                failures.stream().map(Throwable::getMessage).toList()), failures.get(0).getCause());
        AssetException first = failures.get(0);
        this.elementPath = first.elementPath;
        this.source = first.source;
        this.reason = first.reason;
        this.all = java.util.List.copyOf(failures);
    }

    /** One exception for the failures given (at least one): the failure itself, or one that lists them all. */
    public static AssetException of(java.util.List<AssetException> failures) {
        return failures.size() == 1 ? failures.get(0) : new AssetException(failures);
    }

    /** Every source that failed, in document order. */
    public java.util.List<AssetException> all() {
        return all;
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
