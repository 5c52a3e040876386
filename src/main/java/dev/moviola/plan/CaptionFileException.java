package dev.moviola.plan;

/** A caption file (SRT, WebVTT, ASS) that cannot be read, with the line where reading stopped. */
public final class CaptionFileException extends IllegalArgumentException {
    private final int line;

    public CaptionFileException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the file the problem is on. */
    public int line() {
        return line;
    }
}
