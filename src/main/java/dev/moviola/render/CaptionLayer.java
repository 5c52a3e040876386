package dev.moviola.render;

import java.nio.file.Path;
import java.util.List;

/**
 * Captions drawn over a range of movie frames, ready to be an ffmpeg input: a concat-demuxer list of full-frame
 * transparent PNGs, one per look, each shown for its number of frames. The list's durations add up to exactly
 * {@code frames}; its last entry repeats the last picture only to mark the end (the concat demuxer's rule), so a
 * reader at the movie's rate gets one extra frame and must keep the first {@code frames}.
 *
 * @param list     the {@code ffconcat} file; the pictures sit next to it
 * @param frames   frames the captions cover (the range's length)
 * @param pictures distinct pictures drawn (blank one included)
 * @param warnings what the reader should know: a missing font, characters no font can draw
 */
public record CaptionLayer(Path list, long frames, int width, int height, int pictures, List<String> warnings) {
    public CaptionLayer {
        warnings = List.copyOf(warnings);
    }

    /**
     * Options to put before {@code -i list}: the concat demuxer reading only local files and PNG pictures;
     * {@code -safe 0} because the list sets each picture's frame rate (its {@code option} lines), which the demuxer
     * allows only then. The list is ours and names only the pictures beside it.
     */
    public List<String> inputOptions() {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", "concat,image2,png_pipe",
                "-f", "concat", "-safe", "0");
    }

    /** As a moving, transparent layer source of the scene graph. */
    LayerSource source() {
        return new LayerSource(list, false, true, inputOptions(), width, height, frames);
    }
}
