package dev.moviola.assemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Transition;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scene transitions: every style, the overlap arithmetic, and that only the overlaps are re-encoded. */
class TransitionsTest {
    @TempDir
    Path dir;

    @TempDir
    static Path shared;
    /** One movie of 45 scenes of 0.6 s at 20 fps, joined by each of the 44 styles for 0.2 s (4 frames). */
    static List<BufferedImage> allStyles;
    static List<String> allStylesHashes;

    static Stream<String> styles() {
        return Transition.STYLES.stream();
    }

    @org.junit.jupiter.api.BeforeAll
    static void renderEveryStyleOnce() throws Exception {
        StringBuilder scenes = new StringBuilder("{\"duration\": 0.6, \"background-color\": \"red\"}");
        for (int i = 0; i < Transition.STYLES.size(); i++) {
            scenes.append(", {\"duration\": 0.6, \"background-color\": \"").append(i % 2 == 0 ? "blue" : "red")
                    .append("\", \"transition\": {\"style\": \"").append(Transition.STYLES.get(i))
                    .append("\", \"duration\": 0.2}}");
        }
        RenderResult r = Renders.render(shared, "{\"width\": 96, \"height\": 54, \"fps\": 20, \"quality\": \"low\", "
                + "\"scenes\": [" + scenes + "]}");
        assertThat(r.duration()).as("45 × 0.6 s − 44 × 0.2 s").isEqualTo(18.2);
        allStyles = Decoded.frames(r.output());
        allStylesHashes = Decoded.frameHashes(r.output());
        assertThat(allStyles).hasSize(364);
    }

    @ParameterizedTest
    @MethodSource("styles")
    void everyStyleBlendsExactlyItsFourFrames(String style) {
        int k = Transition.STYLES.indexOf(style);
        int start = 8 * (k + 1); // scene k+1 starts 0.4 s (8 frames) after scene k, overlapping its last 4
        int[] before = k % 2 == 0 ? new int[] {255, 0, 0} : new int[] {0, 0, 255};
        int[] after = k % 2 == 0 ? new int[] {0, 0, 255} : new int[] {255, 0, 0};
        BufferedImage last = allStyles.get(start - 1);
        BufferedImage next = allStyles.get(start + 4);
        assertThat(Pixels.near(last, 48, 27, before[0], before[1], before[2])).as("before: " + Pixels.describe(last, 48, 27)).isTrue();
        assertThat(Pixels.near(next, 48, 27, after[0], after[1], after[2])).as("after: " + Pixels.describe(next, 48, 27)).isTrue();
        // Some styles keep one picture whole for a while (zoomin zooms a flat colour: still that colour), so
        // what holds for every style is that the blend shows something that is neither scene.
        assertThat(allStylesHashes.subList(start + 1, start + 4)).as("the blend changes the picture")
                .anyMatch(h -> !h.equals(allStylesHashes.get(start - 1)) && !h.equals(allStylesHashes.get(start + 4)));
    }

    @Test
    void theMovieShortensByEachTransitionAndAFadeBlendsTheScenes() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [
                  {"duration": 2, "background-color": "red"},
                  {"duration": 2, "background-color": "blue", "transition": {"duration": 0.8}},
                  {"duration": 2, "background-color": "lime", "transition": {"style": "wipeleft", "duration": 1}}]}""");
        assertThat(r.duration()).isEqualTo(6 - 0.8 - 1);
        assertThat(Decoded.frameCount(r.output())).isEqualTo(105);
        BufferedImage middle = Decoded.frame(r.output(), 40); // 1.6 s: half-way through the 1.2-2.0 s fade
        int[] c = Pixels.rgb(middle, 80, 45);
        assertThat(c[0]).as("red half gone " + Pixels.describe(middle, 80, 45)).isBetween(90, 170);
        assertThat(c[2]).as("blue half come").isBetween(90, 170);
        assertThat(c[1]).isLessThan(30);
    }

    @Test
    void framesOutsideTheOverlapsAreTheSceneClipsUnchanged() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [
                  {"duration": 1.2, "elements": [{"type": "text", "text": "ONE"}], "background-color": "#224466"},
                  {"duration": 1.2, "elements": [{"type": "text", "text": "TWO", "fade-in": 0.5}],
                   "transition": {"style": "dissolve", "duration": 0.4}}]}""",
                ProcessObserver.NONE, RenderOptions.DEFAULT.withKeepWork());
        Path parts = Renders.keptIntermediates(dir);
        List<String> out = Decoded.frameHashes(r.output());
        List<String> first = Decoded.frameHashes(parts.resolve("scene_000.mp4"));
        List<String> second = Decoded.frameHashes(parts.resolve("scene_001.mp4"));
        assertThat(out).hasSize(50);
        assertThat(first).hasSize(20);
        assertThat(second).hasSize(20);
        assertThat(out.subList(0, 20)).as("scene 1 before the overlap").isEqualTo(first);
        assertThat(out.subList(30, 50)).as("scene 2 after the overlap").isEqualTo(second);
        assertThat(out.subList(20, 30)).as("the overlap is new").doesNotContainAnyElementsOf(first);
    }

    @Test
    void aTransitionLongerThanHalfASceneIsInvalidAndOneOnTheFirstSceneIsIgnored() throws Exception {
        assertThatThrownBy(() -> Renders.render(dir, """
                {"scenes": [{"duration": 2}, {"duration": 1, "transition": {"duration": 0.6}}]}"""))
                .isInstanceOf(InvalidMovieException.class)
                .hasMessageContaining("scenes[1].transition.duration: a 0.6 s transition is longer than half of the "
                        + "scenes it joins (2 s and 1 s); make it at most 0.5 s");
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "scenes": [{"duration": 1.2, "transition": {"style": "fade"}},
                  {"duration": 1.2, "transition": {"duration": 0.6}}]}""");
        assertThat(r.duration()).as("exactly half is allowed").isEqualTo(1.8);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("scenes[0].transition"));
    }

    @Test
    void theScenesSoundsCrossfadeOverTheTransition() throws Exception {
        dev.moviola.testing.TestMedia.tone(dir, "a.wav", 500, 3, 0.5);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "scenes": [
                  {"duration": 2, "elements": [{"type": "audio", "src": "a.wav"}]},
                  {"duration": 2, "transition": {"duration": 1}}]}""");
        float[] s = Decoded.audio(r.output());
        double full = 0.5 / Math.sqrt(2);
        assertThat(Decoded.rms(s, 0.2, 0.9)).isCloseTo(full, org.assertj.core.data.Offset.offset(0.02));
        assertThat(Decoded.rms(s, 1.45, 1.55)).as("half-way through the overlap").isBetween(full * 0.3, full * 0.7);
        assertThat(Decoded.rms(s, 1.95, 2.5)).as("gone once the next scene took over").isLessThan(0.01);
    }
}
