package dev.moviola.render;

import dev.moviola.ffmpeg.FilterGraph;
import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.Color;
import dev.moviola.movie.Crop;
import dev.moviola.movie.Effects;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg inputs and filter graph of one scene: a background, then each layer composited on top in order.
 *
 * <p>Every stream runs on the scene's frame grid (time base 1/fps, pts = frame number), so layers line up
 * with the background exactly. A layer is first brought to its element's own clock ("local" time, where
 * fades are defined), then shifted to scene time. Still layers are scaled and converted to YUV once and
 * then repeated by {@code loop}: their cost per frame is only the overlay. Still layers at the bottom that
 * show for the whole scene without fading are composited onto the background frame before it is repeated:
 * a scene made only of those costs nothing per frame but the encoder.
 */
final class SceneGraph {
    private final Fps fps;
    private final long frames;
    private final FilterGraph graph = new FilterGraph();
    private final List<String> inputArgs = new ArrayList<>();
    private int inputs;
    private String current;
    /**
     * False while {@link #current} is still the single background frame: still layers that cover the whole scene
     * without fading are composited onto it once, before it is repeated, so they cost nothing per frame.
     */
    private boolean repeated;
    private final FrameChanges changes;

    SceneGraph(int width, int height, Fps fps, long frames, Color background) {
        this.fps = fps;
        this.frames = frames;
        this.changes = new FrameChanges(frames);
        String out = graph.label("bg");
        Color bg = background.overBlack();
        graph.chain(List.of(), List.of(
                Filter.of("color", "c", bg.toFfmpeg(), "s", width + "x" + height, "r", fps.toString()),
                Filter.of("format", "pix_fmts", "rgb24"),
                Filter.of("trim", "end_frame", 1),
                Filter.of("scale", "out_color_matrix", "bt709", "out_range", "tv"),
                Filter.of("format", "pix_fmts", "yuv420p")), out);
        current = out;
    }

    /**
     * When a layer shows, in scene frames, and its fades, in the element's local seconds.
     *
     * @param startFrame scene frame of the element's local time 0
     * @param slot       local seconds at which the element leaves (fade-out ends there)
     */
    record Span(long fromFrame, long toFrame, long startFrame, double fadeIn, double fadeOut, double slot) {
        static Span of(Layer l) {
            return new Span(l.fromFrame(), l.toFrame(), l.startFrame(), l.element().timing().fadeIn(),
                    l.element().timing().fadeOut(), l.slot());
        }

        static Span whole(long frames) {
            return new Span(0, frames, 0, 0, 0, Double.POSITIVE_INFINITY);
        }
    }

    /** Composites one layer over everything added so far. */
    void add(Span span, Painted painted) {
        add(span, painted, null);
    }

    /**
     * Composites one layer over everything added so far.
     *
     * @param mask a greyscale picture of the layer's placed size ({@link MaskPicture}) that its transparency is
     *             multiplied by, or null
     */
    void add(Span span, Painted painted, java.nio.file.Path mask) {
        if (span.toFrame() - span.fromFrame() - painted.delay() <= 0) {
            return; // it would start after the layer ends
        }
        Visual visual = painted.visual();
        LayerSource source = painted.source();
        Placement place = painted.place();
        int input = input(source.file(), source.inputOptions());

        long firstLocal = span.fromFrame() - span.startFrame() + painted.delay();
        long shown = span.toFrame() - span.fromFrame() - painted.delay();
        Effects fx = visual.effects();
        boolean masked = mask != null;
        boolean alpha = source.alpha() || visual.opacity() < 1 || span.fadeIn() > 0 || span.fadeOut() > 0
                || !painted.motion().isEmpty() || fx.chromaKey() != null || fx.rotate() != null
                || (fx.pan() != null && !fx.pan().crop()) || masked;
        EffectFilters.Shaped look = EffectFilters.look(fx, place.width(), place.height(), !masked);
        long moving = Double.isFinite(span.slot()) ? Math.max(1, fps.frameAt(span.slot())) : firstLocal + shown;
        EffectFilters.Shaped window = EffectFilters.window(fx, place.width(), place.height(), firstLocal, moving);
        int pad = -window.dx();
        EffectFilters.Shaped turn = masked || !EffectFilters.turnsOnce(fx)
                ? EffectFilters.turn(fx, place.width() + 2 * pad, place.height() + 2 * pad) : EffectFilters.Shaped.NONE;
        int x = place.x() + look.dx() + window.dx() + turn.dx();
        int y = place.y() + look.dy() + window.dy() + turn.dy();
        boolean turning = fx.rotate() != null && fx.rotate().speed() != 0;
        if (!repeated && source.still() && shown == frames && painted.delay() == 0 && !fades(span)
                && painted.motion().isEmpty() && window.filters().isEmpty() && !turning) {
            List<Filter> f = new ArrayList<>(picture(visual, source, place, true));
            f.addAll(look.filters());
            String pic = masked ? masked(input, f, mask, place.width(), place.height(), 0, 0, 0) : chain(input, f);
            List<Filter> after = new ArrayList<>(turn.filters());
            if (visual.opacity() < 1) {
                after.add(Filter.of("lut", "a", "val*" + FilterGraph.number(visual.opacity())));
            }
            overlay(pic, after, x, y);
            return;
        }
        repeat();
        noteChanges(span, painted, !window.filters().isEmpty() || turning || !painted.motion().isEmpty(), shown);
        List<Filter> f = new ArrayList<>();
        if (!source.still()) {
            f.add(Filter.of("setpts", "expr", "PTS-STARTPTS"));
            f.add(Filter.of("fps", "fps", fps.toString()));
        }
        f.addAll(picture(visual, source, place, alpha));
        f.addAll(look.filters());
        if (visual.opacity() < 1) {
            f.add(Filter.of("lut", "a", "val*" + FilterGraph.number(visual.opacity())));
        }
        if (source.still()) {
            f.add(Filter.of("loop", "loop", shown - 1, "size", 1, "start", 0));
        } else {
            // The content it has, then its last frame held to the end of the layer (a shorter video, extra-time):
            // padded always, since a file may end a little before its probed length says.
            f.add(Filter.of("trim", "end_frame", Math.max(1, Math.min(source.contentFrames(), shown))));
            f.add(Filter.of("tpad", "stop", -1, "stop_mode", "clone"));
            f.add(Filter.of("trim", "end_frame", shown));
        }
        f.add(Filter.of("settb", "expr", fps.denominator() + "/" + fps.numerator()));
        f.add(Filter.of("setpts", "expr", "N+" + firstLocal));
        f.addAll(window.filters());
        String pic = masked ? masked(input, f, mask, place.width(), place.height(), pad, shown, firstLocal)
                : chain(input, f);
        List<Filter> after = new ArrayList<>(turn.filters());
        after.addAll(painted.motion());
        if (span.fadeIn() > 0) {
            after.add(Filter.of("fade", "type", "in", "start_time", 0, "duration", span.fadeIn(), "alpha", 1));
        }
        if (span.fadeOut() > 0) {
            after.add(Filter.of("fade", "type", "out", "start_time", Math.max(0, span.slot() - span.fadeOut()),
                    "duration", Math.min(span.fadeOut(), span.slot()), "alpha", 1));
        }
        after.add(Filter.of("setpts", "expr", "PTS+" + span.startFrame()));
        overlay(pic, after, x, y);
    }

    /** Records the frames where this layer may make a frame differ from the one before it. */
    private void noteChanges(Span span, Painted painted, boolean moves, long shown) {
        long first = span.fromFrame() + painted.delay();
        long end = first + shown;
        changes.at(first);
        changes.at(end);
        LayerSource source = painted.source();
        if (!source.still() && source.changes() != null) {
            source.changes().stream().filter(f -> f < Math.min(source.contentFrames(), shown))
                    .forEach(f -> changes.at(first + f));
        } else if (!source.still()) {
            changes.during(first + 1, first + Math.min(source.contentFrames(), shown));
        }
        if (moves) {
            changes.during(first + 1, end);
        }
        // Fades run on the element's own clock; a frame of margin on each side, since the fade filter rounds.
        double perSecond = (double) fps.numerator() / fps.denominator();
        if (span.fadeIn() > 0) {
            changes.during(span.startFrame(), span.startFrame() + (long) Math.ceil(span.fadeIn() * perSecond) + 2);
        }
        if (span.fadeOut() > 0) {
            double from = Math.max(0, span.slot() - span.fadeOut());
            changes.during(span.startFrame() + (long) Math.floor(from * perSecond) - 1,
                    span.startFrame() + (long) Math.ceil(span.slot() * perSecond) + 2);
        }
    }

    /** The frames that may differ from the one before them, as the layers added so far say. */
    FrameChanges changes() {
        return changes;
    }

    /** Adds an input (a source read as media only, unless it brings its own reader's whitelist); its index. */
    private int input(java.nio.file.Path file, List<String> options) {
        inputArgs.addAll(options);
        if (!options.contains("-format_whitelist")) {
            // A source (or a picture of ours) is read as media only; a layer of ours that needs another reader
            // (captions: a concat list of our pictures) brings its own whitelist.
            inputArgs.addAll(MediaProbe.sourceInputOptions());
        }
        inputArgs.add("-i");
        inputArgs.add(MediaProbe.input(file));
        return inputs++;
    }

    private String chain(int input, List<Filter> filters) {
        String pic = graph.label("l");
        graph.chain(input + ":v", filters, pic);
        return pic;
    }

    /**
     * The layer's picture ({@code filters} over the input) with its transparency multiplied by the mask's grey, the
     * mask placed over the picture's {@code w × h} box (padded by {@code pad} on each side like the picture) and, for
     * a picture that plays ({@code shown > 0}), repeated on the same frames.
     */
    private String masked(int input, List<Filter> filters, java.nio.file.Path mask, int w, int h, int pad, long shown,
            long firstLocal) {
        String pic = chain(input, filters);
        int maskInput = input(mask, List.of());
        List<Filter> m = new ArrayList<>();
        m.add(Filter.of("format", "pix_fmts", "gray"));
        if (pad > 0) {
            m.add(Filter.of("pad", "w", w + 2 * pad, "h", h + 2 * pad, "x", pad, "y", pad, "color", "black"));
        }
        if (shown > 0) {
            m.add(Filter.of("loop", "loop", shown - 1, "size", 1, "start", 0));
            m.add(Filter.of("settb", "expr", fps.denominator() + "/" + fps.numerator()));
            m.add(Filter.of("setpts", "expr", "N+" + firstLocal));
        }
        String grey = graph.label("mask");
        graph.chain(maskInput + ":v", m, grey);
        String keep = graph.label("pic");
        String own = graph.label("pica");
        graph.chain(List.of(pic), List.of(Filter.of("split", "outputs", 2)), List.of(keep, own));
        String ownAlpha = graph.label("alpha");
        graph.chain(own, List.of(Filter.of("alphaextract")), ownAlpha);
        String product = graph.label("masked");
        graph.chain(List.of(ownAlpha, grey), List.of(Filter.of("blend", "all_mode", "multiply")), product);
        String out = graph.label("l");
        graph.chain(List.of(keep, product), List.of(Filter.of("alphamerge")), out);
        return out;
    }

    private void overlay(String pic, List<Filter> layer, int x, int y) {
        String placed = pic;
        if (!layer.isEmpty()) {
            placed = graph.label("l");
            graph.chain(pic, layer, placed);
        }
        String out = graph.label("v");
        graph.chain(List.of(current, placed), List.of(Filter.of("overlay", "x", x, "y", y,
                "eof_action", "pass", "format", "yuv420")), out);
        current = out;
    }

    /** Does a fade change the layer while it shows? */
    private static boolean fades(Span span) {
        return span.fadeIn() > 0 || span.fadeOut() > 0;
    }

    /** Turns the background frame (with what was composited onto it) into the scene's stream of frames. */
    private void repeat() {
        if (repeated) {
            return;
        }
        String out = graph.label("base");
        graph.chain(current, List.of(
                Filter.of("loop", "loop", frames - 1, "size", 1, "start", 0),
                Filter.of("settb", "expr", fps.denominator() + "/" + fps.numerator()),
                Filter.of("setpts", "expr", "N")), out);
        current = out;
        repeated = true;
    }

    /** Crop, scale and flip the source into its placed size, converted to YUV (BT.709) once. */
    private List<Filter> picture(Visual v, LayerSource source, Placement place, boolean alpha) {
        List<Filter> f = new ArrayList<>(EffectFilters.key(v.effects()));
        Crop c = v.crop();
        if (c != null) {
            f.add(Filter.of("crop", "w", source.width(), "h", source.height(), "x", c.x(), "y", c.y(), "exact", 1));
        }
        f.add(Filter.of("scale", "w", place.scaledWidth(), "h", place.scaledHeight(),
                // Lanczos for pictures converted once, and for frames shown at their own size (only their colour is
                // resampled, to 4:2:0), so that a drawn animation ends exactly as its still picture looks.
                "flags", source.still() || (place.scaledWidth() == source.width()
                        && place.scaledHeight() == source.height()) ? "lanczos" : "bicubic",
                "out_color_matrix", "bt709", "out_range", "tv"));
        f.add(Filter.of("format", "pix_fmts", alpha ? "yuva420p" : "yuv420p"));
        if (place.cropsAfterScaling()) {
            f.add(Filter.of("crop", "w", place.width(), "h", place.height(), "x", place.cropX(), "y", place.cropY(),
                    "exact", 1));
        }
        if (v.flipHorizontal()) {
            f.add(Filter.of("hflip"));
        }
        if (v.flipVertical()) {
            f.add(Filter.of("vflip"));
        }
        return f;
    }

    List<String> inputArgs() {
        return inputArgs;
    }

    FilterGraph graph() {
        return graph;
    }

    /**
     * Finishes the graph with one output per frame range ({@code [from, to)} in scene frames), each starting at
     * time 0, and returns their labels; call before reading {@link #graph()}.
     */
    List<String> split(List<long[]> ranges) {
        repeat();
        if (ranges.size() == 1 && ranges.get(0)[0] == 0 && ranges.get(0)[1] == frames) {
            return List.of(current);
        }
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            copies.add(graph.label("copy"));
        }
        graph.chain(List.of(current), List.of(Filter.of("split", "outputs", ranges.size())), copies);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            String out = graph.label("out");
            graph.chain(copies.get(i), List.of(Filter.of("trim", "start_frame", ranges.get(i)[0], "end_frame",
                    ranges.get(i)[1]), Filter.of("setpts", "expr", "PTS-STARTPTS")), out);
            outputs.add(out);
        }
        return outputs;
    }
}
