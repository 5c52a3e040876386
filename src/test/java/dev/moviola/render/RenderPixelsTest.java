package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders small movies and checks what a viewer would see: sizes, durations and pixels where they belong. */
class RenderPixelsTest {
    @TempDir
    Path dir;

    @Test
    void outputHasTheRequestedSizeDurationAndRate() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 30,
                 "scenes": [{"duration": 2, "background-color": "#336699", "elements": []},
                            {"duration": 0.5, "elements": []}]}""");
        Path out = r.output();
        MediaInfo info = Decoded.probe(out);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(180);
        assertThat(info.duration()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.03));
        assertThat(Decoded.frameCount(out)).isEqualTo(75); // 2.5 s at 30 fps
        assertThat(info.hasAudio()).as("a movie without sound still has a (silent) audio track").isTrue();
        assertThat(Decoded.rms(Decoded.audio(out), 0, 2.5)).isLessThan(1e-4);
        BufferedImage first = Decoded.frame(out, 0);
        assertThat(Pixels.near(first, 160, 90, 0x33, 0x66, 0x99)).as(Pixels.describe(first, 160, 90)).isTrue();
        BufferedImage last = Decoded.frame(out, 70);
        assertThat(Pixels.near(last, 160, 90, 0, 0, 0)).as("second scene is black: " + Pixels.describe(last, 160, 90)).isTrue();
    }

    @Test
    void presetPositionWithOffsetPutsTheImageAtTheComputedPixels() throws Exception {
        TestMedia.solid(dir, "red.png", "red", 100, 100);
        Path out = Renders.render(dir, """
                {"width": 320, "height": 180, "scenes": [{"duration": 0.4, "elements": [
                  {"type": "image", "src": "red.png", "position": "bottom-right", "width": 40, "height": 40,
                   "x": -10, "y": -10}]}]}""").output();
        BufferedImage f = Decoded.frame(out, 0);
        // Box: x = 320 - 5% margin (16) - 40 - 10 = 254, y = 180 - 9 - 40 - 10 = 121; 40x40.
        int x0 = 254;
        int y0 = 121;
        for (int[] p : new int[][] {{x0 + 2, y0 + 2}, {x0 + 37, y0 + 2}, {x0 + 2, y0 + 37}, {x0 + 37, y0 + 37}, {x0 + 20, y0 + 20}}) {
            assertThat(Pixels.near(f, p[0], p[1], 255, 0, 0)).as("inside " + Pixels.describe(f, p[0], p[1])).isTrue();
        }
        for (int[] p : new int[][] {{x0 - 3, y0 + 20}, {x0 + 43, y0 + 20}, {x0 + 20, y0 - 3}, {x0 + 20, y0 + 43}}) {
            assertThat(Pixels.near(f, p[0], p[1], 0, 0, 0)).as("outside " + Pixels.describe(f, p[0], p[1])).isTrue();
        }
    }

    @Test
    void zIndexDecidesWhichLayerIsOnTop() throws Exception {
        TestMedia.solid(dir, "red.png", "red", 64, 64);
        TestMedia.solid(dir, "blue.png", "blue", 64, 64);
        String element = """
                {"type": "image", "src": "%s", "x": 40, "y": 20, "width": 80, "height": 80 %s}""";
        Path byOrder = Renders.render(dir, movie(element.formatted("blue.png", ""), element.formatted("red.png", ""))).output();
        assertThat(Pixels.near(Decoded.frame(byOrder, 0), 80, 60, 255, 0, 0)).as("later element on top").isTrue();

        Path byZ = Renders.render(dir, movie(element.formatted("blue.png", ", \"z-index\": 1"),
                element.formatted("red.png", ""))).output();
        BufferedImage f = Decoded.frame(byZ, 0);
        assertThat(Pixels.near(f, 80, 60, 0, 0, 255)).as("higher z-index on top: " + Pixels.describe(f, 80, 60)).isTrue();
    }

    @Test
    void coverContainAndFillDifferAtTheBoxEdges() throws Exception {
        // 200x100 source: magenta | white | cyan stripes of 50, 100, 50 px. The box is 100x100 at (110, 40).
        TestMedia.ffmpeg("-f", "lavfi", "-i",
                "color=c=magenta:s=50x100[a];color=c=white:s=100x100[b];color=c=cyan:s=50x100[c];[a][b][c]hstack=inputs=3",
                "-frames:v", "1", dir.resolve("stripes.png").toString());
        String element = """
                {"type": "image", "src": "stripes.png", "x": 110, "y": 40, "width": 100, "height": 100, "resize": "%s"}""";

        BufferedImage fill = Decoded.frame(Renders.render(dir, movie(element.formatted("fill"))).output(), 0);
        assertThat(Pixels.near(fill, 113, 90, 255, 0, 255)).as("fill: left edge magenta " + Pixels.describe(fill, 113, 90)).isTrue();
        assertThat(Pixels.near(fill, 206, 90, 0, 255, 255)).as("fill: right edge cyan " + Pixels.describe(fill, 206, 90)).isTrue();
        assertThat(Pixels.near(fill, 160, 43, 255, 255, 255)).as("fill: top centre white").isTrue();

        BufferedImage cover = Decoded.frame(Renders.render(dir, movie(element.formatted("cover"))).output(), 0);
        assertThat(Pixels.near(cover, 113, 90, 255, 255, 255)).as("cover: stripes cropped away " + Pixels.describe(cover, 113, 90)).isTrue();
        assertThat(Pixels.near(cover, 206, 90, 255, 255, 255)).as("cover: right edge white " + Pixels.describe(cover, 206, 90)).isTrue();
        assertThat(Pixels.near(cover, 160, 43, 255, 255, 255)).as("cover: fills the box top").isTrue();
        assertThat(Pixels.near(cover, 106, 90, 0, 0, 0)).as("cover: nothing outside the box").isTrue();

        BufferedImage contain = Decoded.frame(Renders.render(dir, movie(element.formatted("contain"))).output(), 0);
        // Scaled to 100x50, centred: rows 65..115; above and below is the (black) background.
        assertThat(Pixels.near(contain, 160, 45, 0, 0, 0)).as("contain: bar above " + Pixels.describe(contain, 160, 45)).isTrue();
        assertThat(Pixels.near(contain, 160, 135, 0, 0, 0)).as("contain: bar below").isTrue();
        assertThat(Pixels.near(contain, 113, 90, 255, 0, 255)).as("contain: left edge magenta " + Pixels.describe(contain, 113, 90)).isTrue();
        assertThat(Pixels.near(contain, 206, 90, 0, 255, 255)).as("contain: right edge cyan").isTrue();
    }

    @Test
    void textIsDrawnInsideItsBoxAndNowhereElse() throws Exception {
        RenderResult r = Renders.render(dir, movie("""
                {"type": "text", "x": 40, "y": 30, "width": 120, "height": 60,
                 "text": "A longer sentence that has to wrap onto several lines to fit inside its box, and then some more words so that it overflows",
                 "settings": {"font-size": "14px", "font-color": "#FFFFFF"}}"""));
        BufferedImage f = Decoded.frame(r.output(), 0);
        int inked = 120 * 60 - Pixels.countDifferent(f, 40, 30, 120, 60, 0, 0, 0);
        assertThat(inked).as("text pixels inside the box").isGreaterThan(300);
        // Outside the box (2 px away for chroma subsampling) everything stays black.
        assertThat(Pixels.countDifferent(f, 0, 0, 320, 28, 0, 0, 0)).as("above").isZero();
        assertThat(Pixels.countDifferent(f, 0, 92, 320, 88, 0, 0, 0)).as("below").isZero();
        assertThat(Pixels.countDifferent(f, 0, 0, 38, 180, 0, 0, 0)).as("left").isZero();
        assertThat(Pixels.countDifferent(f, 162, 0, 158, 180, 0, 0, 0)).as("right").isZero();
        assertThat(r.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("scenes[0].elements[0].text");
            assertThat(w.message()).contains("cut off");
        });
    }

    @Test
    void fadeInMakesTheFirstFrameDarkerThanTheEndOfTheFade() throws Exception {
        TestMedia.solid(dir, "white.png", "white", 32, 32);
        Path out = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [{"duration": 2, "elements": [
                  {"type": "image", "src": "white.png", "fade-in": 1}]}]}""").output();
        double start = Pixels.luma(Decoded.frame(out, 0), 60, 30, 40, 30);
        double middle = Pixels.luma(Decoded.frame(out, 12), 60, 30, 40, 30);
        double end = Pixels.luma(Decoded.frame(out, 25), 60, 30, 40, 30);
        assertThat(start).isLessThan(20);
        assertThat(middle).isBetween(90.0, 170.0);
        assertThat(end).isGreaterThan(240);
    }

    @Test
    void videoWithSeekShowsTheSourceFrameItShould() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 4);
        Path out = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [{"duration": 1, "elements": [
                  {"type": "video", "src": "count.mp4", "seek": 1.2}]}]}""").output();
        assertThat(sourceFrame(Decoded.frame(out, 0))).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(out, 10))).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(out, 24))).isCloseTo(54.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void sceneWithAutoDurationLastsAsLongAsItsLongestTimedElement() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 2);
        TestMedia.solid(dir, "red.png", "red", 16, 16);
        TestMedia.tone(dir, "tone.wav", 440, 1, 0.5);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 30, "scenes": [{"elements": [
                  {"type": "image", "src": "red.png"},
                  {"type": "video", "src": "count.mp4", "start": 0.5},
                  {"type": "audio", "src": "tone.wav", "start": 1, "extra-time": 0.2}]}]}""");
        assertThat(r.duration()).isEqualTo(2.5);
        assertThat(Decoded.frameCount(r.output())).isEqualTo(75); // 2.5 s x 30
        // The video (2 s from 0.5 s) ends with the scene: its last source frame is on the last frames.
        assertThat(sourceFrame(Decoded.frame(r.output(), 74))).isCloseTo(49.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void sceneWithNothingTimedLastsFiveSeconds() throws Exception {
        TestMedia.solid(dir, "red.png", "red", 16, 16);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "scenes": [{"elements": [{"type": "image", "src": "red.png"},
                  {"type": "text", "text": "hi"}]}]}""");
        assertThat(r.duration()).isEqualTo(5.0);
    }

    /** Which frame of {@link TestMedia#countingVideo} a decoded frame shows (luma 16 + 2n, limited range). */
    static double sourceFrame(BufferedImage f) {
        int gray = Pixels.rgb(f, f.getWidth() / 2, f.getHeight() / 2)[1];
        double luma = gray * 219.0 / 255.0 + 16;
        return (luma - 16) / 2;
    }

    private static String movie(String... elements) {
        return "{\"width\": 320, \"height\": 180, \"scenes\": [{\"duration\": 0.4, \"elements\": ["
                + String.join(",", elements) + "]}]}";
    }
}
