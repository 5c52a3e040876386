package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <id>_start/_end/_duration/_extratime}, resolved once the sources' lengths are known. */
class TimingVariablesTest {
    private final Map<String, Asset> media = new HashMap<>();
    private final Settings settings = Settings.load(Map.of(), Map.of());

    void video(String name, double seconds) {
        media.put(name, new Asset(name, Path.of(name), new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", seconds, seconds,
                seconds, true, true, 320, 180, 0), name, false));
    }

    JsonNode resolve(String json) throws InvalidMovieException {
        Document d = Pipeline.read(json, settings);
        return TimingVariables.resolve(d.expansion(), d.draft().movie(), new Assets(media));
    }

    @Test
    void aVideosRealLengthPlacesWhatComesAfterIt() throws Exception {
        video("intro.mp4", 3.5);
        JsonNode m = resolve("""
                {"scenes": [{"variables": {"gap": 0.25}, "elements": [
                  {"type": "text", "text": "{{ intro_start }}/{{ intro_end }}/{{ intro_duration }}/{{ intro_extratime }}"},
                  {"type": "video", "id": "intro", "src": "intro.mp4", "start": 1, "extra-time": 0.5},
                  {"type": "text", "text": "next", "start": "{{ intro_end + gap }}", "duration": "{{ intro_duration / 2 }}"}]}]}""");
        assertThat(m.at("/scenes/0/elements/0/text").asText()).as("forward references are fine").isEqualTo("1/4.5/3.5/0.5");
        assertThat(m.at("/scenes/0/elements/2/start").asDouble()).isEqualTo(4.75);
        assertThat(m.at("/scenes/0/elements/2/duration").asDouble()).isEqualTo(1.75);
    }

    @Test
    void chainsResolveThroughOtherVariablesAndScenesKeepTheirOwnIds() throws Exception {
        video("a.mp4", 2);
        JsonNode m = resolve("""
                {"variables": {"clips": ["a.mp4", "a.mp4"]},
                 "scenes": [{"iterate": "clips", "elements": [
                   {"type": "video", "id": "clip", "src": "{{ item }}", "start": "{{ index }}"},
                   {"type": "text", "id": "title", "text": "t", "start": "{{ clip_end }}", "duration": 1},
                   {"type": "text", "text": "u", "start": "{{ title_end }}"}]}]}""");
        assertThat(m.at("/scenes/0/elements/2/start").asDouble()).isEqualTo(3);
        assertThat(m.at("/scenes/1/elements/1/start").asDouble()).as("each iteration sees its own clip").isEqualTo(3);
        assertThat(m.at("/scenes/1/elements/2/start").asDouble()).isEqualTo(4);
    }

    @Test
    void containerLengthIsUsedOnlyWhereADurationNeedsIt() throws Exception {
        video("a.mp4", 2);
        JsonNode m = resolve("""
                {"scenes": [{"elements": [
                   {"type": "video", "id": "v", "src": "a.mp4"},
                   {"type": "text", "id": "t", "text": "x", "start": "{{ v_end }}", "duration": 1},
                   {"type": "text", "id": "bg", "text": "y", "duration": -2},
                   {"type": "text", "text": "{{ bg_duration }}"}]}]}""");
        assertThat(m.at("/scenes/0/elements/3/text").asText()).as("the scene lasts 3 s: the video, then the title").isEqualTo("3");
    }

    @Test
    void aMovieLevelElementsContainerIsTheMovieAsItPlaysWithTransitionsSubtracted() throws Exception {
        JsonNode m = resolve("""
                {"fps": 25, "elements": [{"type": "text", "id": "logo", "text": "x", "duration": -2}],
                 "scenes": [{"duration": 2, "elements": [{"type": "text", "text": "{{ logo_duration }}"}]},
                            {"duration": 3, "transition": {"style": "fade", "duration": 1}, "elements": []}]}""");
        assertThat(m.at("/scenes/0/elements/0/text").asText()).as("2 s + 3 s - the 1 s transition").isEqualTo("4");
    }

    @Test
    void aCycleIsReportedWithItsChain() {
        assertThatThrownBy(() -> resolve("""
                {"scenes": [{"elements": [
                   {"type": "text", "id": "a", "text": "a", "start": "{{ b_end }}", "duration": 1},
                   {"type": "text", "id": "b", "text": "b", "start": "{{ a_end }}", "duration": 1}]}]}"""))
                .isInstanceOf(InvalidMovieException.class)
                .hasMessageContaining("scenes[0].elements[0].start: the timing variables form a cycle: b_end → a_end → b_end");
    }

    @Test
    void anUnknownIdIsAnError() {
        assertThatThrownBy(() -> resolve("""
                {"scenes": [{"elements": [{"type": "text", "text": "x", "start": "{{ ghost_end }}"}]}]}"""))
                .hasMessageContaining("scenes[0].elements[0].start: undefined variable \"ghost_end\": no element has the id \"ghost\"");
    }

    @Test
    void aSourceCannotWaitForTiming() {
        assertThatThrownBy(() -> Pipeline.read("""
                {"scenes": [{"elements": [{"type": "text", "id": "t", "text": "x", "duration": 1},
                  {"type": "image", "src": "{{ t_end }}.png"}]}]}""", settings))
                .hasMessageContaining("scenes[0].elements[1].src: \"src\" cannot use element timing variables");
    }
}
