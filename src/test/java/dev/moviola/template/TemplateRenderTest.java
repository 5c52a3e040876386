package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templating features that only show in a rendered movie. */
class TemplateRenderTest {
    @TempDir
    Path dir;
    final LocalHttp http = new LocalHttp();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aPreloadedPictureIsFetchedOnceAndUsedThreeTimes() throws Exception {
        String url = http.serve("hero.png", TestMedia.solid(dir, "hero-source.png", "yellow", 32, 18));
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "preload": [{"id": "hero", "type": "image", "src": "%s"}],
                 "scenes": [{"duration": 0.4, "elements": [{"type": "image", "src": "{{ hero_url }}"}]},
                            {"duration": 0.4, "elements": [{"type": "image", "src": "{{hero_url}}", "width": 40}]},
                            {"duration": 0.4, "elements": [{"type": "image", "src": "{{ hero_url }}", "x": 80}]}]}"""
                .formatted(url));
        assertThat(http.hits("hero.png")).as("downloaded once").isEqualTo(1);
        assertThat(Pixels.near(Decoded.frame(r.output(), 5), 80, 45, 255, 255, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 15), 20, 10, 255, 255, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 15), 80, 45, 0, 0, 0)).as("40 px wide this time").isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 25), 120, 45, 255, 255, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 25), 40, 45, 0, 0, 0)).isTrue();
    }

    @Test
    void aConditionThroughAnUndefinedVariableDropsItsSceneAndElementAndTheMovieRenders() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [
                  {"duration": 1, "background-color": "blue", "condition": "{{ missing_obj.field }}", "elements": []},
                  {"duration": 1, "background-color": "red", "elements": [
                    {"type": "text", "text": "{{ missing_obj.field }}", "condition": "missing_obj.field",
                     "settings": {"font-size": "40px"}}]}]}""");
        assertThat(r.duration()).as("the first scene is dropped").isEqualTo(1.0);
        assertThat(Pixels.countDifferent(Decoded.frame(r.output(), 12), 0, 0, 160, 90, 255, 0, 0))
                .as("the red scene, without its dropped text").isZero();
    }

    @Test
    void aKeyGivenTwiceRendersWithItsLastValueAndAWarningAtItsPath() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "variables": {"c": "red", "c": "lime"},
                 "scenes": [{"duration": 0.4, "background-color": "blue", "background-color": "{{ c }}", "elements": []}]}""");
        assertThat(Pixels.near(Decoded.frame(r.output(), 3), 80, 45, 0, 255, 0)).isTrue();
        assertThat(r.warnings()).extracting(dev.moviola.movie.Problem::path)
                .containsExactly("variables.c", "scenes[0].background-color");
    }

    @Test
    void aTitleStartsWhenTheVideoBeforeItEnds() throws Exception {
        TestMedia.countingVideo(dir, "clip.mp4", 25, 1.2);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "scenes": [{"elements": [
                  {"type": "video", "id": "clip", "src": "clip.mp4", "width": 40, "height": 40, "x": 0, "y": 0},
                  {"type": "text", "text": "NEXT", "start": "{{ clip_end }}", "duration": 0.8,
                   "settings": {"font-size": "30px", "font-weight": "bold"}}]}]}""");
        assertThat(r.duration()).as("the video's 1.2 s, then the title's 0.8 s").isEqualTo(2.0);
        assertThat(Pixels.countDifferent(Decoded.frame(r.output(), 28), 50, 25, 100, 40, 0, 0, 0))
                .as("no title while the video plays").isZero();
        assertThat(Pixels.countDifferent(Decoded.frame(r.output(), 31), 50, 25, 100, 40, 0, 0, 0))
                .as("the title after it").isGreaterThan(100);
    }
}
