package dev.moviola.render;

import static dev.moviola.render.RenderPixelsTest.sourceFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.InvalidSettingException;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any file that exists renders, whatever its name: ffmpeg's picture reader takes {@code %d} in a name for a
 * frame-number pattern, and quotes, brackets, commas and semicolons mean things to its other parsers. Names never
 * reach it: probing, scenes, transitions and sound all read the sources under names made of their hashes.
 */
class SourceNamesTest {
    @TempDir
    Path dir;

    private Path named(Path file, String name) throws Exception {
        return Files.move(file, dir.resolve(name));
    }

    @Test
    void picturesVideosGifsAndSoundsRenderWhateverTheirNames() throws Exception {
        String picture = named(TestMedia.solid(dir, "p.png", "red", 64, 36), "hostile name's [0:v],%d;1.png")
                .getFileName().toString();
        String video = named(TestMedia.countingVideo(dir, "v.mp4", 25, 1), "clip %03d [1:a].mp4").getFileName().toString();
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=lime:s=32x18:d=0.4:r=5[a];color=c=blue:s=32x18:d=0.4:r=5[b];"
                + "[a][b]concat", dir.resolve("g.gif").toString());
        String gif = named(dir.resolve("g.gif"), "blink%d.gif").getFileName().toString();
        String sound = named(TestMedia.tone(dir, "t.wav", 440, 3, 0.3), "tone%%%d'.wav").getFileName().toString();
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "fps": 25, "elements": [{"type": "audio", "src": "%4$s", "duration": -2}],
                 "scenes": [
                  {"duration": 1, "elements": [{"type": "image", "src": "%1$s"}]},
                  {"duration": 1, "transition": {"style": "fade", "duration": 0.4},
                   "elements": [{"type": "video", "src": "%2$s", "muted": true}]},
                  {"duration": 0.8, "transition": {"style": "wipeleft", "duration": 0.2},
                   "elements": [{"type": "image", "src": "%3$s", "duration": -2}]}]}"""
                .formatted(picture, video, gif, sound));
        assertThat(r.duration()).isEqualTo(2.2); // 1 + 1 + 0.8 s, less the 0.4 s and 0.2 s transitions
        assertThat(Pixels.near(Decoded.frame(r.output(), 5), 80, 45, 255, 0, 0)).as("the picture").isTrue();
        int[] blend = Pixels.rgb(Decoded.frame(r.output(), 20), 80, 45);
        assertThat(blend[0]).as("halfway through the fade: the picture and the video's frame 5 mixed").isBetween(110, 170);
        // The second scene starts at frame 15 (0.6 s), the third at frame 35 (1.4 s) with a 5-frame wipe.
        assertThat(sourceFrame(Decoded.frame(r.output(), 30))).as("the video").isCloseTo(15, Offset.offset(1.5));
        assertThat(Pixels.near(Decoded.frame(r.output(), 41), 80, 45, 0, 255, 0)).as("the GIF's first colour").isTrue();
        assertThat(Pixels.rgb(Decoded.frame(r.output(), 50), 80, 45)[2]).as("then its second").isGreaterThan(180);
        assertThat(Decoded.rms(Decoded.audio(r.output()), 0.1, 2.1)).as("the sound throughout").isGreaterThan(0.15);
    }

    @Test
    void aWorkDirectoryWithAPercentSignIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> Settings.load(Map.of("work-dir", dir.resolve("renders%d").toString()), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("setting work-dir: ")
                .hasMessageContaining("choose a directory without one");
    }
}
