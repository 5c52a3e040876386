package dev.moviola.ffmpeg;

/** ffmpeg ran longer than its time limit and was killed. */
public final class FfmpegTimeoutException extends FfmpegException {
    private static final long serialVersionUID = 1L;

    public FfmpegTimeoutException(String message) {
        super(message);
    }
}
