package dev.moviola.ffmpeg;

/** ffmpeg (or ffprobe) failed; the message carries the line of its error output that says why. */
public class FfmpegException extends Exception {
    private static final long serialVersionUID = 1L;

    public FfmpegException(String message) {
        super(message);
    }
}
