package dev.moviola.ffmpeg;

import java.util.List;

/** ffmpeg (or ffprobe) failed; the message carries the lines of its error output that say why. */
public class FfmpegException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> errorOutput;

    public FfmpegException(String message, List<String> errorOutput) {
        super(message);
        this.errorOutput = List.copyOf(errorOutput);
    }

    /** The tail of ffmpeg's stderr. */
    public List<String> errorOutput() {
        return errorOutput;
    }

    /** The line most likely to explain the failure (the last one ffmpeg printed), or "". */
    public String cause() {
        return errorOutput.isEmpty() ? "" : errorOutput.get(errorOutput.size() - 1);
    }
}
