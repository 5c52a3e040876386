package dev.moviola.movie;

import java.util.List;

/**
 * How a scene begins: blended with the end of the previous scene over {@code duration} seconds, which the
 * movie loses in length.
 *
 * @param style one of {@link #STYLES}, the names of ffmpeg's {@code xfade} transitions
 */
public record Transition(String style, double duration) {
    public static final double DEFAULT_DURATION = 1;

    /** The 44 styles of the format (docs/format.md#transition). */
    public static final List<String> STYLES = List.of("fade", "wipeleft", "wiperight", "wipeup", "wipedown",
            "slideleft", "slideright", "slideup", "slidedown", "circlecrop", "rectcrop", "distance", "fadeblack",
            "fadewhite", "radial", "smoothleft", "smoothright", "smoothup", "smoothdown", "circleopen", "circleclose",
            "vertopen", "vertclose", "horzopen", "horzclose", "dissolve", "pixelize", "diagtl", "diagtr", "diagbl",
            "diagbr", "hlslice", "hrslice", "vuslice", "vdslice", "hblur", "fadegrays", "wipetl", "wipetr", "wipebl",
            "wipebr", "squeezeh", "squeezev", "zoomin");
}
