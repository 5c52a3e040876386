package dev.moviola.render;

import dev.moviola.ffmpeg.FilterGraph;
import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.movie.Effects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters of a layer's {@link Effects}. The look (chroma key, colour correction) is applied where the picture is
 * converted, so a still's costs nothing per frame; the motion (zoom, pan, rotation) runs per frame on the element's
 * own clock, with sub-pixel precision: ffmpeg's {@code zoompan} moves in whole pixels and shakes, so a zoom or pan is
 * a {@code perspective} mapping of a moving window of the picture (bilinear), and a rotation is {@code rotate}.
 */
final class EffectFilters {
    private EffectFilters() {
    }

    /** Filters for a picture, and how far they move its top-left corner (a turned picture's box is larger). */
    record Shaped(List<Filter> filters, int dx, int dy) {
        static final Shaped NONE = new Shaped(List.of(), 0, 0);
    }

    /**
     * The chroma key, on the source's own colours before anything else: by distance in RGB ({@code colorkey}), since
     * a distance in chroma alone ({@code chromakey}) would also take white, black and greys for a green.
     */
    static List<Filter> key(Effects e) {
        if (e.chromaKey() == null) {
            return List.of();
        }
        return List.of(Filter.of("format", "pix_fmts", "rgba"), Filter.of("colorkey", "color",
                e.chromaKey().color().toFfmpeg(), "similarity", num(Math.max(0.01, e.chromaKey().tolerance() / 100.0)),
                "blend", "0.02"));
    }

    /**
     * What stays the same from frame to frame, for a converted picture of {@code w × h}: colour correction, and a
     * fixed turn unless the picture also zooms or pans (which come first) or {@code turnOnce} is false (a mask comes
     * between: then {@link #turn} turns it after the mask).
     */
    static Shaped look(Effects e, int w, int h, boolean turnOnce) {
        List<Filter> f = new ArrayList<>();
        if (e.correction() != null) {
            var c = e.correction();
            f.add(Filter.of("eq", "brightness", FilterGraph.number(c.brightness()), "contrast",
                    FilterGraph.number(c.contrast()), "gamma", FilterGraph.number(c.gamma()), "saturation",
                    FilterGraph.number(c.saturation())));
        }
        if (turnOnce && turnsOnce(e)) {
            Shaped turn = rotate(e.rotate(), w, h);
            f.addAll(turn.filters());
            return new Shaped(f, turn.dx(), turn.dy());
        }
        return f.isEmpty() ? Shaped.NONE : new Shaped(f, 0, 0);
    }

    /** Whether the picture's turn is fixed and can be made once, when it is converted. */
    static boolean turnsOnce(Effects e) {
        return e.rotate() != null && e.rotate().speed() == 0 && e.zoom() == 0 && e.pan() == null;
    }

    /**
     * The zoom and pan of a placed picture of {@code w × h}: a moving window of it, on local frames ({@code in +
     * firstLocal} is the element's own frame number) over {@code span} frames from the element's start. An uncropped
     * pan first pads the picture with transparency by {@code -dx} on each side.
     */
    static Shaped window(Effects e, int w, int h, long firstLocal, long span) {
        Effects.Pan pan = e.pan();
        if (e.zoom() == 0 && pan == null) {
            return Shaped.NONE;
        }
        List<Filter> f = new ArrayList<>();
        int pad = pan != null && !pan.crop() ? (int) Math.ceil(pan.distance() * Math.max(w, h)) : 0;
        int cw = w + 2 * pad;
        int ch = h + 2 * pad;
        if (pad > 0) {
            // Room for the picture to move into, transparent: what it uncovers shows through.
            f.add(Filter.of("pad", "w", cw, "h", ch, "x", pad, "y", pad, "color", "black@0"));
        }
        // perspective counts its input frames from 1.
        String p = String.format(Locale.ROOT, "clip((in-1+%d)/%d,0,1)", firstLocal, Math.max(1, span - 1));
        // Scale of the window: the zoom's, times what a cropped pan needs to travel without showing an edge.
        double base = pan != null && pan.crop() ? 1 / (1 - pan.distance()) : 1;
        double z = Math.abs(e.zoom()) * 0.1;
        String zoom = e.zoom() > 0 ? "(1+" + num(z) + "*" + p + ")" : e.zoom() < 0 ? "(1+" + num(z) + "*(1-" + p + "))"
                : "1";
        String s = "(" + num(base) + "*" + zoom + ")";
        double travelX = pan == null ? 0 : pan.direction().dx * pan.distance() * w;
        double travelY = pan == null ? 0 : pan.direction().dy * pan.distance() * h;
        String cx = "(" + num(cw / 2.0) + "+" + num(travelX) + "*(" + p + "-0.5))";
        String cy = "(" + num(ch / 2.0) + "+" + num(travelY) + "*(" + p + "-0.5))";
        String hw = "(" + num(cw / 2.0) + "/" + s + ")";
        String hh = "(" + num(ch / 2.0) + "/" + s + ")";
        String left = cx + "-" + hw;
        String right = cx + "+" + hw;
        String top = cy + "-" + hh;
        String bottom = cy + "+" + hh;
        f.add(Filter.of("perspective", "x0", left, "y0", top, "x1", right, "y1", top, "x2", left, "y2", bottom,
                "x3", right, "y3", bottom, "interpolation", "linear", "sense", "source", "eval", "frame"));
        return new Shaped(f, -pad, -pad);
    }

    /** The turn of a picture of {@code w × h} (after its window), or nothing without a rotation. */
    static Shaped turn(Effects e, int w, int h) {
        return e.rotate() == null ? Shaped.NONE : rotate(e.rotate(), w, h);
    }

    /** A turn about the centre, into a box that holds it: the turned box, or the diagonal when it keeps turning. */
    private static Shaped rotate(Effects.Rotation r, int w, int h) {
        int ow;
        int oh;
        if (r.speed() == 0) {
            double a = Math.toRadians(r.angle());
            ow = even(Math.abs(w * Math.cos(a)) + Math.abs(h * Math.sin(a)));
            oh = even(Math.abs(w * Math.sin(a)) + Math.abs(h * Math.cos(a)));
        } else {
            ow = even(Math.hypot(w, h));
            oh = ow;
        }
        String angle = "(" + num(r.angle()) + "+" + num(r.speed()) + "*t)*PI/180";
        return new Shaped(List.of(Filter.of("rotate", "a", angle, "ow", ow, "oh", oh, "c", "black@0")),
                -(ow - w) / 2, -(oh - h) / 2);
    }

    private static int even(double v) {
        int i = (int) Math.ceil(v - 1e-9);
        return i + (i & 1);
    }

    private static String num(double d) {
        return FilterGraph.number(d);
    }
}
