package dev.moviola.h264;

/**
 * The x264 output uses a coding tool or layout that the skip-frame writer does not write for (the message names the
 * field and its value). The caller then encodes the still's frames with x264 instead, which is always correct, only
 * slower.
 */
public final class UnsupportedStreamException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedStreamException(String message) {
        super(message);
    }
}
