package dev.moviola.ffmpeg;

import dev.moviola.movie.Fps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A list for ffmpeg's concat demuxer of clips joined by stream copy, each with its exact length written out: with
 * B-frames a clip's own duration can exceed its frames, and the demuxer would leave a gap after it.
 */
public final class ConcatList {
    private final StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
    private final Fps fps;

    public ConcatList(Fps fps) {
        this.fps = fps;
    }

    /** Appends a clip that shows {@code frames} frames. */
    public ConcatList add(Path file, long frames) {
        text.append("file ").append(quote(file.toAbsolutePath().toString())).append('\n')
                .append("duration ").append(FilterGraph.number(fps.timeOf(frames))).append('\n');
        return this;
    }

    /** Writes the list to {@code file} and returns the input options that read it ({@code -f concat ... -i}). */
    public List<String> write(Path file) throws IOException {
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return List.of("-f", "concat", "-safe", "0", "-i", file.toString());
    }

    /** Quotes a path for the concat demuxer's list format (single quotes; a quote is written '\''). */
    static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
