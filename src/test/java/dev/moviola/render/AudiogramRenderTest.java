package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audiogram}: the movie's sound drawn where it plays — tall where loud, flat in silence, in its colour. */
class AudiogramRenderTest {
    @TempDir
    Path dir;

    /** Loud (0.9 full scale) from 0 to 1 s and from 2 to 2.5 s, silent otherwise; 3 s in all. */
    private void loudQuietLoud() {
        TestMedia.ffmpeg("-f", "lavfi", "-i",
                "aevalsrc='0.9*sin(2*PI*440*t)*(lt(t,1)+between(t,2,2.5))':s=48000:d=3", "-ac", "2", "-c:a",
                "pcm_s16le", dir.resolve("sound.wav").toString());
    }

    private BufferedImage[] render(String movieElements, String scene1, String scene2, double... seconds)
            throws Exception {
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 25, "quality": "high",
                 "elements": [%s],
                 "scenes": [{"duration": 2, "background-color": "#000000", "elements": [%s]},
                            {"duration": 1, "background-color": "#000000", "elements": [%s]}]}"""
                .formatted(movieElements, scene1, scene2));
        List<Long> at = java.util.Arrays.stream(seconds).mapToObj(s -> Math.round(s * 25)).toList();
        Map<Long, BufferedImage> frames = Decoded.frames(r.output(), at);
        return at.stream().map(frames::get).toArray(BufferedImage[]::new);
    }

    /** Rows of column x (in [top, bottom)) whose colour is near r, g, b. */
    private static int rowsNear(BufferedImage f, int x, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < f.getHeight(); y++) {
            if (Pixels.near(f, x, y, r, g, b)) {
                n++;
            }
        }
        return n;
    }

    /** The most rows of one colour in any of a few columns across the box (a wave crosses zero here and there). */
    private static int tallest(BufferedImage f, int x0, int x1, int r, int g, int b) {
        int best = 0;
        for (int x = x0; x < x1; x += 3) {
            best = Math.max(best, rowsNear(f, x, r, g, b));
        }
        return best;
    }

    @Test
    void theWaveIsTallWhereTheSoundIsLoudAndFlatInSilenceInItsColourAndOpacity() throws Exception {
        loudQuietLoud();
        BufferedImage[] f = render("{\"type\": \"audio\", \"src\": \"sound.wav\"}",
                "{\"type\": \"audiogram\", \"color\": \"#FF0000\", \"opacity\": 1}",
                "{\"type\": \"audiogram\", \"color\": \"#00FF00\", \"amplitude\": 10}", 0.5, 1.5, 2.2, 2.8);
        int loud = tallest(f[0], 10, 310, 255, 0, 0);
        assertThat(loud).as("loud: the red wave reaches far from the middle line").isGreaterThan(90);
        assertThat(tallest(f[1], 10, 310, 255, 0, 0)).as("silence: flat").isLessThan(6);
        assertThat(Pixels.near(f[1], 160, 20, 0, 0, 0)).isTrue();
        // Scene 2 draws the movie's sound at its own place in the movie (2 s on): loud, then silent. Its default
        // opacity is 0.5: green at half strength over black.
        int half = tallest(f[2], 10, 310, 0, 128, 0);
        assertThat(half).as("second scene, loud part, half-transparent green").isGreaterThan(90);
        assertThat(tallest(f[2], 10, 310, 0, 255, 0)).as("not fully opaque").isLessThan(6);
        assertThat(tallest(f[3], 10, 310, 0, 128, 0)).as("second scene, silent part").isLessThan(6);
    }

    @Test
    void amplitudeScalesTheWaveAndABoxPlacesIt() throws Exception {
        loudQuietLoud();
        BufferedImage[] f = render("{\"type\": \"audio\", \"src\": \"sound.wav\"}",
                "{\"type\": \"audiogram\", \"color\": \"white\", \"opacity\": 1, \"amplitude\": 2, "
                        + "\"x\": 0, \"y\": 0, \"width\": 160, \"height\": 180},"
                        + "{\"type\": \"audiogram\", \"color\": \"white\", \"opacity\": 1, \"amplitude\": 8, "
                        + "\"x\": 160, \"y\": 0, \"width\": 160, \"height\": 180}", "", 0.5);
        int low = tallest(f[0], 4, 156, 255, 255, 255);
        int high = tallest(f[0], 164, 316, 255, 255, 255);
        assertThat(low).as("amplitude 2").isBetween(40, 90);
        assertThat(high).as("amplitude 8 draws ~4x as tall, up to the box").isGreaterThan(2 * low);
    }

    @Test
    void aMovieLevelAudiogramFollowsTheSoundAcrossScenesAndAChangedSoundRendersAnew() throws Exception {
        loudQuietLoud();
        String wave = "{\"type\": \"audiogram\", \"color\": \"#FF0000\", \"opacity\": 1}";
        BufferedImage[] f = render("{\"type\": \"audio\", \"src\": \"sound.wav\"}," + wave, "", "", 0.5, 1.5, 2.2);
        assertThat(tallest(f[0], 10, 310, 255, 0, 0)).isGreaterThan(90);
        assertThat(tallest(f[1], 10, 310, 255, 0, 0)).isLessThan(6);
        assertThat(tallest(f[2], 10, 310, 255, 0, 0)).isGreaterThan(90);
        // Same movie, another sound at the same address: the scenes' pictures change with it (not from the cache).
        TestMedia.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "3", "-c:a", "pcm_s16le",
                dir.resolve("sound.wav").toString());
        BufferedImage[] again = render("{\"type\": \"audio\", \"src\": \"sound.wav\"}," + wave, "", "", 0.5);
        assertThat(tallest(again[0], 10, 310, 255, 0, 0)).as("silent now").isLessThan(6);
    }

    @Test
    void aBadAmplitudeIsRefusedAtItsPath() {
        assertThatThrownBy(() -> Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180,
                 "scenes": [{"duration": 1, "elements": [{"type": "audiogram", "amplitude": 11}]}]}"""))
                .isInstanceOf(InvalidMovieException.class)
                .hasMessageContaining("scenes[0].elements[0].amplitude");
    }
}
