package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.ffmpeg.FilterGraph.Filter;
import dev.moviola.movie.Color;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Quality;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Output;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The places later element types and text styles plug into, checked to be complete and to work. */
class SeamsTest {
    @TempDir
    Path dir;

    @Test
    void everyVisualElementTypeHasAPainter() {
        assertThat(Painters.unpainted()).isEmpty();
    }

    @Test
    void everyTextStyleTheReaderAcceptsHasAnAnimationAndNoOtherHasOne() {
        assertThat(TextStyles.codes()).containsExactlyInAnyOrderElementsOf(dev.moviola.movie.TextStyle.all().keySet());
    }

    /**
     * A painted layer's motion filters run on the element's own clock: a layer that starts at scene frame 5 and is
     * made visible by its motion 0.4 s after its own start shows from scene frame 15, not from scene frame 10.
     */
    @Test
    void motionFiltersRunOnTheElementsOwnClock() throws Exception {
        Path red = TestMedia.solid(dir, "red.png", "red", 40, 40);
        Fps fps = new Fps(25, 1);
        SceneGraph g = new SceneGraph(160, 90, fps, 25, Color.BLACK);
        LayerSource src = LayerSource.still(red, 40, 40);
        Painted painted = new Painted(src, Visual.DEFAULT, Painted.exact(60, 25, src),
                List.of(Filter.of("fade", "type", "in", "start_time", 0.4, "duration", 0.04, "alpha", 1)), 0);
        g.add(new SceneGraph.Span(5, 25, 5, 0, 0, 0.8), painted);
        String out = g.split(List.of(new long[] {0, 25})).get(0);
        Path file = dir.resolve("scene.mp4");
        List<String> args = new ArrayList<>(g.inputArgs());
        args.addAll(TestFfmpeg.ffmpeg().filterGraphArgs(g.graph(), dir.resolve("scene.graph")));
        args.addAll(List.of("-map", "[" + out + "]", "-frames:v", "25"));
        args.addAll(VideoEncoding.sceneArgs(new Output(160, 90, fps, Quality.LOW, false), 1));
        args.addAll(List.of("-f", "mp4", file.toString()));
        TestFfmpeg.ffmpeg().run("motion", args, Duration.ofMinutes(1), null);

        List<BufferedImage> frames = Decoded.frames(file);
        assertThat(frames).hasSize(25);
        for (int f : new int[] {4, 8, 13}) {
            assertThat(Pixels.near(frames.get(f), 80, 45, 0, 0, 0)).as("frame %d: %s", f,
                    Pixels.describe(frames.get(f), 80, 45)).isTrue();
        }
        for (int f : new int[] {16, 24}) {
            assertThat(Pixels.near(frames.get(f), 80, 45, 255, 0, 0)).as("frame %d: %s", f,
                    Pixels.describe(frames.get(f), 80, 45)).isTrue();
        }
    }

    /** A picture delayed within its layer (a line of an animated text) shows from that many frames after the layer. */
    @Test
    void aDelayedPictureShowsThatManyFramesAfterItsLayer() throws Exception {
        Path red = TestMedia.solid(dir, "red2.png", "red", 40, 40);
        Fps fps = new Fps(25, 1);
        SceneGraph g = new SceneGraph(160, 90, fps, 25, Color.BLACK);
        LayerSource src = LayerSource.still(red, 40, 40);
        g.add(new SceneGraph.Span(5, 25, 5, 0, 0, 0.8), new Painted(src, Visual.DEFAULT, Painted.exact(60, 25, src))
                .delayed(7));
        String out = g.split(List.of(new long[] {0, 25})).get(0);
        Path file = dir.resolve("delayed.mp4");
        List<String> args = new ArrayList<>(g.inputArgs());
        args.addAll(TestFfmpeg.ffmpeg().filterGraphArgs(g.graph(), dir.resolve("delayed.graph")));
        args.addAll(List.of("-map", "[" + out + "]", "-frames:v", "25"));
        args.addAll(VideoEncoding.sceneArgs(new Output(160, 90, fps, Quality.LOW, false), 1));
        args.addAll(List.of("-f", "mp4", file.toString()));
        TestFfmpeg.ffmpeg().run("delay", args, Duration.ofMinutes(1), null);
        List<BufferedImage> frames = Decoded.frames(file);
        assertThat(frames).hasSize(25);
        assertThat(Pixels.near(frames.get(11), 80, 45, 0, 0, 0)).as("frame 11").isTrue();
        assertThat(Pixels.near(frames.get(12), 80, 45, 255, 0, 0)).as("frame 12").isTrue();
        assertThat(Pixels.near(frames.get(24), 80, 45, 255, 0, 0)).as("frame 24").isTrue();
    }
}
