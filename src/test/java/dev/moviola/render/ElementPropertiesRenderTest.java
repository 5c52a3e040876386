package dev.moviola.render;

import static dev.moviola.render.RenderPixelsTest.sourceFrame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The visual and playback properties of elements, each checked on rendered frames or sound. */
class ElementPropertiesRenderTest {
    @TempDir
    Path dir;

    private Path render(String elements) throws Exception {
        return render(1, elements);
    }

    private Path render(double seconds, String elements) throws Exception {
        return Renders.render(dir, "{\"width\": 160, \"height\": 90, \"fps\": 25, \"scenes\": [{\"duration\": " + seconds
                + ", \"elements\": [" + elements + "]}]}").output();
    }

    @Test
    void opacityBlendsWithWhatIsBehind() throws Exception {
        TestMedia.solid(dir, "white.png", "white", 16, 16);
        BufferedImage f = Decoded.frame(render("{\"type\": \"image\", \"src\": \"white.png\", \"opacity\": 0.5}"), 0);
        assertThat(Pixels.rgb(f, 80, 45)[1]).isBetween(118, 138);
    }

    @Test
    void flipsAndCropsTakeThePartOfTheSourceTheyShould() throws Exception {
        TestMedia.quadrants(dir, "q.png", 100, 100);
        BufferedImage flipped = Decoded.frame(render("{\"type\": \"image\", \"src\": \"q.png\", \"resize\": \"fill\", \"flip-horizontal\": true}"), 0);
        assertThat(Pixels.near(flipped, 20, 20, 0, 255, 0)).as("top-left shows the green top-right " + Pixels.describe(flipped, 20, 20)).isTrue();
        assertThat(Pixels.near(flipped, 140, 70, 0, 0, 255)).as("bottom-right shows the blue bottom-left").isTrue();
        BufferedImage upside = Decoded.frame(render("{\"type\": \"image\", \"src\": \"q.png\", \"resize\": \"fill\", \"flip-vertical\": true}"), 0);
        assertThat(Pixels.near(upside, 20, 20, 0, 0, 255)).as("top-left shows the blue bottom-left").isTrue();
        BufferedImage cropped = Decoded.frame(render("""
                {"type": "image", "src": "q.png", "crop": {"x": 50, "y": 0, "width": 50, "height": 50}}"""), 0);
        assertThat(Pixels.countDifferent(cropped, 0, 0, 160, 90, 0, 255, 0)).as("only the green quadrant is left").isLessThan(160 * 2);
    }

    @Test
    void videoLoopsAndHoldsItsLastFrameForExtraTime() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 1);
        Path looped = render(3, "{\"type\": \"video\", \"src\": \"count.mp4\", \"loop\": 2, \"extra-time\": 0.6}");
        assertThat(sourceFrame(Decoded.frame(looped, 5))).isCloseTo(5, Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(looped, 30))).as("second play").isCloseTo(5, Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(looped, 60))).as("frozen on the last frame").isCloseTo(24, Offset.offset(1.0));
        BufferedImage after = Decoded.frame(looped, 70);
        assertThat(Pixels.near(after, 80, 45, 0, 0, 0)).as("gone after its extra time " + Pixels.describe(after, 80, 45)).isTrue();
    }

    @Test
    void seekWithLoopRepeatsThePartAfterTheSeekPoint() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 2);
        // Plays source 1.2 s-2.0 s (frames 30-49) again and again.
        Path out = render(2, "{\"type\": \"video\", \"src\": \"count.mp4\", \"seek\": 1.2, \"loop\": -1}");
        assertThat(sourceFrame(Decoded.frame(out, 0))).isCloseTo(30, Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(out, 25))).as("0.2 s into the second play").isCloseTo(35, Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(out, 45))).as("third play").isCloseTo(35, Offset.offset(1.0));
    }

    @Test
    void soundLoopsFromItsSeekPointAndFadesIn() throws Exception {
        // 0.4 s of silence then 0.6 s of tone: seek 0.4 + loop -1 must be tone throughout.
        TestMedia.ffmpeg("-f", "lavfi", "-i", "aevalsrc='0.5*sin(2*PI*500*t)*gte(t,0.4)':s=48000:d=1", "-ac", "2",
                dir.resolve("late.wav").toString());
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "scenes": [{"duration": 3, "elements": [
                  {"type": "audio", "src": "late.wav", "seek": 0.4, "loop": -1, "fade-in": 0.5}]}]}""");
        float[] s = Decoded.audio(r.output());
        double full = 0.5 / Math.sqrt(2);
        assertThat(Decoded.rms(s, 0, 0.1)).as("fading in").isLessThan(full * 0.3);
        for (double t = 0.6; t < 2.9; t += 0.1) {
            assertThat(Decoded.rms(s, t, t + 0.1)).as("tone at %.1f s", t).isCloseTo(full, Offset.offset(0.03));
        }
    }

    @Test
    void fadeOutEndsTransparentAndExtraTimeCountsForTheScene() throws Exception {
        TestMedia.solid(dir, "white.png", "white", 16, 16);
        Path out = render(2, "{\"type\": \"image\", \"src\": \"white.png\", \"duration\": 1, \"extra-time\": 0.5, \"fade-out\": 0.5}");
        assertThat(Pixels.luma(Decoded.frame(out, 20), 60, 30, 40, 30)).as("before the fade").isGreaterThan(240);
        assertThat(Pixels.luma(Decoded.frame(out, 31), 60, 30, 40, 30)).as("fading").isBetween(60.0, 200.0);
        assertThat(Pixels.luma(Decoded.frame(out, 37), 60, 30, 40, 30)).as("almost gone").isLessThan(30);
        assertThat(Pixels.luma(Decoded.frame(out, 45), 60, 30, 40, 30)).as("gone").isLessThan(3);
    }

    @Test
    void animatedGifsPlay() throws Exception {
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=32x32:d=0.5:r=10[a];color=c=blue:s=32x32:d=0.5:r=10[b];[a][b]concat",
                dir.resolve("blink.gif").toString());
        Path once = render(1.5, "{\"type\": \"image\", \"src\": \"blink.gif\"}");
        assertThat(Pixels.near(Decoded.frame(once, 5), 80, 45, 255, 0, 0)).isTrue();
        int[] blue = Pixels.rgb(Decoded.frame(once, 18), 80, 45);
        assertThat(blue[2]).as("blue half of the GIF (GIF palettes are coarse)").isGreaterThan(180);
        assertThat(blue[0] + blue[1]).isLessThan(60);
        assertThat(Pixels.near(Decoded.frame(once, 30), 80, 45, 0, 0, 0)).as("duration -1: one play, then gone").isTrue();
        Path filling = render(1.5, "{\"type\": \"image\", \"src\": \"blink.gif\", \"duration\": -2}");
        assertThat(Pixels.near(Decoded.frame(filling, 30), 80, 45, 255, 0, 0)).as("longer than one play: it loops").isTrue();
    }

    @Test
    void anAnimatedGifPlaysItsOwnFrameTimingLoopsAndKeepsItsTransparency() throws Exception {
        // Two frames of 1 s each, red then green, with a transparent band at the top.
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=64x36:r=1:d=1[a];color=c=lime:s=64x36:r=1:d=1[b];[a][b]concat,"
                + "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(Y,12),0,255)',split[x][y];"
                + "[x]palettegen=reserve_transparent=1:stats_mode=single[p];[y][p]paletteuse=new=1:alpha_threshold=128,"
                + "settb=1/100,setpts=N*100", dir.resolve("slow.gif").toString());
        Path out = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [{"duration": 5, "background-color": "blue",
                 "elements": [{"type": "image", "src": "slow.gif", "duration": -2, "resize": "fill"}]}]}""").output();
        for (double[] at : new double[][] {{0.5, 255, 0}, {1.5, 0, 255}, {2.5, 255, 0}, {3.5, 0, 255}, {4.5, 255, 0}}) {
            BufferedImage f = Decoded.frame(out, Math.round(at[0] * 25));
            assertThat(Pixels.near(f, 80, 70, (int) at[1], (int) at[2], 0)).as("%.1f s: %s", at[0],
                    Pixels.describe(f, 80, 70)).isTrue();
            assertThat(Pixels.near(f, 80, 10, 0, 0, 255)).as("%.1f s, transparent band: %s", at[0],
                    Pixels.describe(f, 80, 10)).isTrue();
        }
    }

    @Test
    void aVideoShorterThanItsPlaceHoldsItsLastFrame() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 1);
        String movie = """
                {"width": 160, "height": 90, "fps": 25, %s
                 "scenes": [{"duration": 2, "background-color": "blue", "elements": [%s]},
                            {"duration": 2, "background-color": "blue", "elements": []}]}""";
        // -2: to the end of the scene; extra-time: held after its own length; movie-level -2: to the end of the movie.
        Path fitted = Renders.render(dir, movie.formatted("", "{\"type\": \"video\", \"src\": \"count.mp4\", \"duration\": -2}")).output();
        assertThat(sourceFrame(Decoded.frame(fitted, 12))).isCloseTo(12, Offset.offset(1.0));
        assertThat(sourceFrame(Decoded.frame(fitted, 40))).as("held at 1.6 s").isCloseTo(24, Offset.offset(1.0));
        Path extra = Renders.render(dir, movie.formatted("", "{\"type\": \"video\", \"src\": \"count.mp4\", \"extra-time\": 0.8}")).output();
        assertThat(sourceFrame(Decoded.frame(extra, 40))).as("held for its extra time").isCloseTo(24, Offset.offset(1.0));
        assertThat(Pixels.near(Decoded.frame(extra, 47), 80, 45, 0, 0, 255)).as("then gone").isTrue();
        Path movieLevel = Renders.render(dir, movie.formatted(
                "\"elements\": [{\"type\": \"video\", \"src\": \"count.mp4\", \"duration\": -2}],", "")).output();
        assertThat(sourceFrame(Decoded.frame(movieLevel, 90))).as("held into the second scene").isCloseTo(24, Offset.offset(1.0));
    }

    @Test
    void aVideoThatEndsInsideATransitionIsHeldThroughTheBlend() throws Exception {
        TestMedia.countingVideo(dir, "count.mp4", 25, 1.6);
        // Scene 1 lasts 2 s; the fade into scene 2 (black) covers its last 0.8 s; the video ends at 1.6 s, inside it.
        Path out = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [
                  {"duration": 2, "background-color": "blue", "elements": [{"type": "video", "src": "count.mp4", "duration": -2}]},
                  {"duration": 2, "transition": {"style": "fade", "duration": 0.8}, "elements": []}]}""").output();
        int[] atQuarter = Pixels.rgb(Decoded.frame(out, 35), 80, 45); // 1.4 s: a quarter into the fade
        int[] held = Pixels.rgb(Decoded.frame(out, 45), 80, 45); // 1.8 s: three quarters in, the video ended at 1.6 s
        assertThat(atQuarter[2] - atQuarter[0]).as("the video, not the blue background: %s", java.util.Arrays.toString(atQuarter)).isLessThan(20);
        assertThat(held[2] - held[0]).as("its last frame held, not the blue background: %s", java.util.Arrays.toString(held)).isLessThan(12);
        assertThat(held[1]).as("a quarter of the held grey (source frame 39)").isBetween(12, 35);
    }

    @Test
    void draftRendersCarryAWatermark() throws Exception {
        Path plain = Renders.render(dir, "{\"width\": 320, \"height\": 180, \"scenes\": [{\"duration\": 0.2}]}").output();
        assertThat(Pixels.countDifferent(Decoded.frame(plain, 0), 0, 0, 320, 180, 0, 0, 0)).isZero();
        Path draft = Renders.render(dir, "{\"width\": 320, \"height\": 180, \"draft\": true, \"scenes\": [{\"duration\": 0.2}]}").output();
        BufferedImage f = Decoded.frame(draft, 0);
        assertThat(Pixels.countDifferent(f, 0, 0, 320, 180, 0, 0, 0)).as("DRAFT across the frame").isGreaterThan(2000);
        assertThat(Pixels.luma(f, 0, 0, 320, 180)).as("semi-transparent").isLessThan(80);
    }

    @Test
    void movieLevelOverlaysAreDrawnOverEveryScene() throws Exception {
        TestMedia.solid(dir, "logo.png", "yellow", 16, 16);
        Path out = Renders.render(dir, """
                {"width": 160, "height": 90, "elements": [{"type": "image", "src": "logo.png", "width": 20, "height": 20,
                  "position": "top-right", "start": 0.5}],
                 "scenes": [{"duration": 1, "background-color": "blue"},
                            {"duration": 1, "elements": [{"type": "image", "src": "logo.png", "z-index": 99,
                              "x": 0, "y": 0, "width": 160, "height": 90, "opacity": 0}]}]}""").output();
        // Box: x = 160 - 8 - 20 = 132, y = 4.5 -> 5.
        assertThat(Pixels.near(Decoded.frame(out, 5), 141, 14, 0, 0, 255)).as("not yet: it starts at 0.5 s").isTrue();
        assertThat(Pixels.near(Decoded.frame(out, 15), 141, 14, 255, 255, 0)).as("scene 1").isTrue();
        assertThat(Pixels.near(Decoded.frame(out, 40), 141, 14, 255, 255, 0)).as("scene 2, above z-index 99").isTrue();
    }
}
