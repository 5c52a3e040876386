package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subtitles in rendered movies, checked by pixels: captions from inline SRT, VTT and ASS and from a URL, the five
 * styles, positions and all-caps, and captions drawn over the finished picture across a cut and a transition.
 * Word times come from ASS karaoke ({@code \k} in centiseconds), so they are exact without any speech.
 */
class SubtitlesRenderTest {
    static final int W = 320;
    static final int H = 180;

    @TempDir
    Path dir;
    final LocalHttp http = new LocalHttp();

    @AfterEach
    void stop() {
        http.close();
    }

    /** "one two three" from 0.5 s, each word said for 0.5 s, on screen until 2.5 s. */
    static final String KARAOKE = """
            [Script Info]\\nScriptType: v4.00+\\n\\n[Events]\\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\\n\
            Dialogue: 0,0:00:00.50,0:00:02.50,Default,,0,0,0,,{\\\\k50}one {\\\\k50}two {\\\\k50}three\\n""";

    private Path render(String subtitlesSettings, String captions, String scenes) throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": %d, "height": %d, "fps": 10,
                 "elements": [{"type": "subtitles", "captions": "%s", "settings": %s}],
                 "scenes": %s}""".formatted(W, H, captions, subtitlesSettings, scenes));
        return Files.move(r.output(), dir.resolve("movie-" + (++renders) + ".mp4")); // each render has its own file
    }

    private int renders;

    private Path oneScene(String settings) throws Exception {
        return render(settings, KARAOKE, "[{\"duration\": 3, \"background-color\": \"#202020\", \"elements\": []}]");
    }

    /** The bounding box of pixels near {@code rgb}, or null. */
    static Rectangle where(BufferedImage f, int r, int g, int b) {
        Rectangle box = null;
        for (int y = 0; y < f.getHeight(); y++) {
            for (int x = 0; x < f.getWidth(); x++) {
                if (Pixels.near(f, x, y, r, g, b)) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box;
    }

    @Test
    void boxedWordPutsTheBoxUnderTheWordBeingSaidAndNotUnderTheNext() throws Exception {
        Path out = oneScene("""
                {"style": "boxed-word", "box-color": "#00ff00", "font-size": 28, "position": "center-center"}""");
        Rectangle first = where(Decoded.frame(out, 7), 0, 255, 0);   // 0.75 s: "one"
        Rectangle second = where(Decoded.frame(out, 12), 0, 255, 0); // 1.25 s: "two"
        Rectangle third = where(Decoded.frame(out, 17), 0, 255, 0);  // 1.75 s: "three"
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(third).isNotNull();
        assertThat(first.getMaxX()).as("the box under 'one' ends before the middle of 'two'").isLessThan(second.getCenterX());
        assertThat(second.getMaxX()).isLessThan(third.getCenterX());
        assertThat(first.getCenterX()).isLessThan(second.getCenterX());
        assertThat(third.width).as("'three' is the widest word").isGreaterThan(first.width);
        assertThat(where(Decoded.frame(out, 2), 0, 255, 0)).as("no box before the cue").isNull();
        assertThat(Pixels.countDifferent(Decoded.frame(out, 27), 0, 0, W, H, 0x20, 0x20, 0x20))
                .as("nothing after it").isZero();
    }

    @Test
    void classicOneWordShowsOneWordAtATimeAndClassicTheLine() throws Exception {
        Path one = oneScene("{\"style\": \"classic-one-word\", \"font-size\": 28, \"position\": \"center-center\"}");
        Path line = oneScene("{\"style\": \"classic\", \"font-size\": 28, \"position\": \"center-center\"}");
        Rectangle lineInk = where(Decoded.frame(line, 12), 255, 255, 255);
        Rectangle oneInk = where(Decoded.frame(one, 7), 255, 255, 255);
        Rectangle threeInk = where(Decoded.frame(one, 17), 255, 255, 255);
        assertThat(oneInk.width).as("'one' alone").isLessThan(lineInk.width / 2);
        assertThat(threeInk.width).as("'three' alone").isLessThan(lineInk.width / 2).isGreaterThan(oneInk.width);
        assertThat(Math.abs(oneInk.getCenterX() - W / 2.0)).as("each word is centred alone").isLessThan(6);
        assertThat(Math.abs(threeInk.getCenterX() - W / 2.0)).isLessThan(6);
    }

    @Test
    void classicProgressiveShowsTheWordsSaidSoFarAndClassicHighlightsTheWordBeingSaid() throws Exception {
        Path progressive = oneScene("{\"style\": \"classic-progressive\", \"font-size\": 28, \"position\": \"center-center\"}");
        Rectangle afterOne = where(Decoded.frame(progressive, 7), 255, 255, 255);
        Rectangle afterThree = where(Decoded.frame(progressive, 17), 255, 255, 255);
        assertThat(afterOne.getMinX()).as("the line keeps its place").isEqualTo(afterThree.getMinX(),
                org.assertj.core.data.Offset.offset(2.0));
        assertThat(afterThree.width).isGreaterThan(afterOne.width * 3);

        Path highlighted = oneScene("""
                {"style": "classic", "font-size": 28, "position": "center-center", "word-color": "#ff0000"}""");
        Rectangle red = where(Decoded.frame(highlighted, 12), 255, 0, 0);
        Rectangle white = where(Decoded.frame(highlighted, 12), 255, 255, 255);
        assertThat(red).as("'two' in word-color").isNotNull();
        assertThat(white.getMinX()).as("'one' in line-color, left of it").isLessThan(red.getMinX());
        assertThat(white.getMaxX()).as("'three' in line-color, right of it").isGreaterThan(red.getMaxX());
    }

    @Test
    void boxedLinePutsTheWholeLineOnABox() throws Exception {
        Path out = oneScene("{\"style\": \"boxed-line\", \"box-color\": \"#0000ff\", \"font-size\": 28}");
        Rectangle box = where(Decoded.frame(out, 12), 0, 0, 255);
        Rectangle ink = where(Decoded.frame(out, 12), 255, 255, 255);
        assertThat(box.contains(ink)).as("the box holds the whole line").isTrue();
        assertThat(box.getMinY()).as("bottom-center by default").isGreaterThan(H * 0.6);
    }

    @Test
    void positionsAndAllCapsPlaceAndShapeTheCaption() throws Exception {
        String scene = "[{\"duration\": 3, \"background-color\": \"#202020\", \"elements\": []}]";
        String srt = "1\\n00:00:00,000 --> 00:00:03,000\\nace\\n";
        Rectangle top = where(Decoded.frame(render("{\"position\": \"top-center\", \"font-size\": 24}", srt, scene), 10), 255, 255, 255);
        Rectangle midTop = where(Decoded.frame(render("{\"position\": \"mid-top-center\", \"font-size\": 24}", srt, scene), 10), 255, 255, 255);
        Rectangle bottom = where(Decoded.frame(render("{\"font-size\": 24}", srt, scene), 10), 255, 255, 255);
        Rectangle custom = where(Decoded.frame(render("{\"position\": \"custom\", \"x\": 200, \"y\": 20, \"font-size\": 24}", srt, scene), 10), 255, 255, 255);
        assertThat(top.getMaxY()).isLessThan(H * 0.25);
        assertThat(midTop.getCenterY()).isBetween(H * 0.18, H * 0.45);
        assertThat(bottom.getMinY()).isGreaterThan(H * 0.7);
        assertThat(custom.getMinX()).isGreaterThanOrEqualTo(200);
        assertThat(custom.getMinY()).isBetween(20.0, 60.0);
        Rectangle caps = where(Decoded.frame(render("{\"position\": \"top-center\", \"font-size\": 24, \"all-caps\": true}",
                srt, scene), 10), 255, 255, 255);
        assertThat(caps.height).as("ACE stands taller than ace").isGreaterThan(top.height + 2);
    }

    @Test
    void captionsComeFromInlineSrtVttAssAndFromAUrl() throws Exception {
        String scene = "[{\"duration\": 2, \"background-color\": \"#202020\", \"elements\": []}]";
        Path srtFile = dir.resolve("captions.srt");
        Files.writeString(srtFile, "1\n00:00:00,500 --> 00:00:01,500\nfrom a file\n");
        String url = http.serve("captions.srt", srtFile);
        for (String captions : new String[] {"1\\n00:00:00,500 --> 00:00:01,500\\nfrom srt\\n",
            "WEBVTT\\n\\n00:00:00.500 --> 00:00:01.500\\nfrom vtt\\n", KARAOKE.replace("0:00:02.50", "0:00:01.50"), url}) {
            Path out = render("{\"font-size\": 24}", captions, scene);
            assertThat(where(Decoded.frame(out, 10), 255, 255, 255)).as("shown at 1 s: %s", captions).isNotNull();
            assertThat(where(Decoded.frame(out, 2), 255, 255, 255)).as("not before: %s", captions).isNull();
            assertThat(where(Decoded.frame(out, 17), 255, 255, 255)).as("not after: %s", captions).isNull();
        }
    }

    @Test
    void subtitlesInSeveralScenesCaptionEachItsOwnSceneWithTimesFromItsStart() throws Exception {
        String srt = "1\\n00:00:00,500 --> 00:00:01,500\\nhere\\n";
        RenderResult r = Renders.render(dir, """
                {"width": %d, "height": %d, "fps": 10, "scenes": [
                  {"duration": 2, "elements": [{"type": "subtitles", "captions": "%s",
                    "settings": {"style": "boxed-line", "box-color": "#ff0000", "font-size": 24}}]},
                  {"duration": 2, "elements": [{"type": "subtitles", "captions": "%s",
                    "settings": {"style": "boxed-line", "box-color": "#0000ff", "font-size": 24}}]}]}"""
                .formatted(W, H, srt, srt));
        assertThat(where(Decoded.frame(r.output(), 10), 255, 0, 0)).as("the first scene's, at 1 s").isNotNull();
        assertThat(where(Decoded.frame(r.output(), 10), 0, 0, 255)).isNull();
        assertThat(where(Decoded.frame(r.output(), 30), 0, 0, 255)).as("the second scene's, at 2 + 1 s").isNotNull();
        assertThat(where(Decoded.frame(r.output(), 30), 255, 0, 0)).isNull();
        assertThat(where(Decoded.frame(r.output(), 22), 0, 0, 255)).as("not before its own 0.5 s").isNull();
        assertThat(r.warnings()).extracting(p -> p.message()).anyMatch(m -> m.contains("each captions its own scene"));
    }

    @Test
    void aCaptionAcrossACutAndATransitionIsDrawnOverTheFinishedPictureUnchanged() throws Exception {
        // 0-2 s red, 2-4 s green after a cut, then a 1 s slide into blue (3-4 s of the movie); one caption 1-5 s.
        String scenes = """
                [{"duration": 2, "background-color": "#800000", "elements": []},
                 {"duration": 2, "background-color": "#008000", "elements": []},
                 {"duration": 2, "background-color": "#000080", "transition": {"style": "slideleft", "duration": 1}, "elements": []}]""";
        Path out = render("{\"style\": \"boxed-line\", \"box-color\": \"#ffff00\", \"font-size\": 24}",
                "1\\n00:00:01,000 --> 00:00:05,000\\nalways here\\n", scenes);
        Rectangle beforeCut = where(Decoded.frame(out, 15), 255, 255, 0);
        Rectangle afterCut = where(Decoded.frame(out, 25), 255, 255, 0);
        Rectangle inSlide = where(Decoded.frame(out, 35), 255, 255, 0);
        Rectangle afterSlide = where(Decoded.frame(out, 45), 255, 255, 0);
        assertThat(afterCut).as("no jump at the cut").isEqualTo(beforeCut);
        assertThat(inSlide).as("not carried along by the slide").isEqualTo(beforeCut);
        assertThat(afterSlide).isEqualTo(beforeCut);
        BufferedImage mid = Decoded.frame(out, 35);
        assertThat(Pixels.near(mid, (int) inSlide.getCenterX(), (int) inSlide.getMinY() + 1, 255, 255, 0))
                .as("the box is drawn once, not blended with itself").isTrue();
    }
}
