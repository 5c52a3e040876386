package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FilterGraph;
import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.AudiogramElement;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws an audiogram: the movie's mixed sound where the layer shows, as ffmpeg's {@code showwaves} draws it (a
 * filled waveform, mirrored about the box's middle line, one column per slice of samples), on a transparent picture of
 * the element's box, one frame per movie frame. The box is the whole frame unless the element sets a size.
 */
final class AudiogramPainter implements LayerPainter {

    @Override
    public List<Painted> paint(Layer layer, PaintContext c) throws IOException, FfmpegException, InterruptedException {
        AudiogramElement a = (AudiogramElement) layer.element();
        Visual v = a.visual();
        int w = even(v.width() != null ? v.width() : c.output().width());
        int h = even(v.height() != null ? v.height() : c.output().height());
        Fps fps = c.output().fps();
        long frames = layer.toFrame() - layer.fromFrame();
        double from = fps.timeOf(c.sceneStartFrame() + layer.fromFrame());
        double length = fps.timeOf(frames);
        Path waves = c.file("_waves.mkv");
        List<Filter> f = new ArrayList<>();
        f.add(Filter.of("aformat", "channel_layouts", "mono"));
        // amplitude 5 draws a full-scale sound to the box's edges; the sound runs on past its end (silence) so the
        // picture has a frame for every frame the layer shows.
        f.add(Filter.of("volume", "volume", FilterGraph.number(a.amplitude() / AudiogramElement.DEFAULT_AMPLITUDE)));
        f.add(Filter.of("apad"));
        f.add(Filter.of("atrim", "duration", FilterGraph.number(length + 1)));
        // One column is n samples and one frame w columns: at a sample rate of n·w·fps the frames fall exactly on the
        // movie's frame grid (showwaves would otherwise round n, and its frames drift against the movie's).
        int n = (int) Math.max(1, Math.round(48_000 / (w * ((double) fps.numerator() / fps.denominator()))));
        long rate = Math.round(n * w * ((double) fps.numerator() / fps.denominator()));
        f.add(Filter.of("aresample", "out_sample_rate", rate));
        f.add(Filter.of("showwaves", "s", w + "x" + h, "mode", "cline", "n", n, "rate", fps.toString(), "draw",
                "full", "colors", a.color().toFfmpeg()));
        f.add(Filter.of("format", "pix_fmts", "bgra"));
        FilterGraph graph = new FilterGraph();
        graph.chain("0:a", f, "waves");
        List<String> args = new ArrayList<>(MediaProbe.sourceInputOptions());
        args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", from), "-i", MediaProbe.input(c.sound().file())));
        args.addAll(c.ffmpeg().filterGraphArgs(graph, c.file("_waves.graph")));
        args.addAll(List.of("-map", "[waves]", "-frames:v", Long.toString(frames), "-c:v", "ffv1", "-f", "matroska",
                waves.toString()));
        c.ffmpeg().run("draw the audiogram of " + a.where(), args, c.timeout(), null);
        LayerSource source = new LayerSource(waves, false, true, List.of(), w, h, frames);
        Visual sized = new Visual(v.position(), v.x(), v.y(), w, h, v.resize(), null, v.flipHorizontal(),
                v.flipVertical(), v.opacity(), v.zIndex(), v.effects());
        return List.of(new Painted(source, sized, Placement.of(sized, w, h, c.output().width(), c.output().height())));
    }

    private static int even(int v) {
        return Math.max(2, v + (v & 1));
    }
}
