package dev.moviola.ffmpeg;

import java.util.List;

/** ffmpeg ran longer than its time limit and was killed. */
public final class FfmpegTimeoutException extends FfmpegException {
    private static final long serialVersionUID = 1L;

    public FfmpegTimeoutException(String message, List<String> errorOutput) {
        super(message, errorOutput);
    }
}
