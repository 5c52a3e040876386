package dev.moviola.render;

import dev.moviola.ffmpeg.FilterGraph;
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
 * @param changes  the frames of the range (counted from its start) where the picture changes
 */
public record CaptionLayer(Path list, long frames, int width, int height, int pictures, List<String> warnings,
        List<Long> changes) {
    public CaptionLayer {
        warnings = List.copyOf(warnings);
        changes = List.copyOf(changes);
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

    /**
     * The filters that turn this input into a layer over a finished picture of the output's size, as the scene graph
     * converts a moving transparent picture (BT.709, limited range, with its alpha), frame 0 first; the caller
     * overlays it. For the frames a transition blends: captions go over the blend, never into it.
     */
    public List<FilterGraph.Filter> overlayFilters(dev.moviola.plan.Output out) {
        String tb = out.fps().denominator() + "/" + out.fps().numerator();
        return List.of(FilterGraph.Filter.of("setpts", "expr", "PTS-STARTPTS"),
                FilterGraph.Filter.of("fps", "fps", out.fps().toString()),
                FilterGraph.Filter.of("scale", "w", out.width(), "h", out.height(), "flags", "bicubic",
                        "out_color_matrix", "bt709", "out_range", "tv"),
                FilterGraph.Filter.of("format", "pix_fmts", "yuva420p"),
                FilterGraph.Filter.of("trim", "end_frame", frames),
                FilterGraph.Filter.of("settb", "expr", tb),
                FilterGraph.Filter.of("setpts", "expr", "N"));
    }

    /** As a moving, transparent layer source of the scene graph. */
    LayerSource source() {
        return new LayerSource(list, false, true, inputOptions(), width, height, frames, changes);
    }
}
