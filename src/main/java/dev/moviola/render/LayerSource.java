package dev.moviola.render;

import java.nio.file.Path;
import java.util.List;

/**
 * A layer's pixels as an ffmpeg input, prepared: a still picture (image, drawn text) is decoded and
 * converted once and then repeated; a moving one (video, animated GIF) is decoded frame by frame.
 *
 * @param inputOptions options placed before {@code -i} (seek, loop)
 * @param alpha        whether its transparency is kept (pictures, drawn text; not videos)
 * @param width        source width after the element's crop
 * @param height       source height after the element's crop
 * @param contentFrames for moving sources: frames of content to show before holding the last one
 *                      (counted from the layer's first visible frame)
 * @param changes       for moving sources whose picture changes only now and then (captions): the frames, counted
 *                      like {@code contentFrames}, that differ from the one before; null when any frame may
 */
record LayerSource(Path file, boolean still, boolean alpha, List<String> inputOptions, int width, int height,
        long contentFrames, List<Long> changes) {

    LayerSource {
        inputOptions = List.copyOf(inputOptions);
        changes = changes == null ? null : List.copyOf(changes);
    }

    LayerSource(Path file, boolean still, boolean alpha, List<String> inputOptions, int width, int height,
            long contentFrames) {
        this(file, still, alpha, inputOptions, width, height, contentFrames, null);
    }

    static LayerSource still(Path file, int width, int height) {
        return new LayerSource(file, true, true, List.of(), width, height, Long.MAX_VALUE);
    }
}
