package dev.moviola.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measures the mixed sound of rendered movies: where sounds start, that nothing is lost or added at joins. */
class AudioMixTest {
    private static final int RATE = 48_000;
    /** One AAC frame: the tolerance the acceptance criteria allow. */
    private static final int AUDIO_FRAME = 1024;

    @TempDir
    Path dir;

    /**
     * 20 scenes of 0.5 s, each with its own 0.5 s burst of a 1 kHz tone (a whole number of periods, so perfectly
     * placed bursts join into one continuous sine). Bursts alternate between two loudness levels so that every
     * join is visible in the envelope; a gap, overlap or misplacement would show as a dip, a bump, a moved step,
     * or a jump between neighbouring samples.
     */
    @Test
    void twentySceneBurstsStartOnTheirScenesWithoutGapsOrClicks() throws Exception {
        TestMedia.tone(dir, "quiet.wav", 1000, 0.5, 0.2);
        TestMedia.tone(dir, "loud.wav", 1000, 0.5, 0.6);
        List<String> scenes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scenes.add("{\"duration\": 0.5, \"elements\": [{\"type\": \"audio\", \"src\": \""
                    + (i % 2 == 0 ? "quiet.wav" : "loud.wav") + "\"}]}");
        }
        RenderResult r = Renders.render(dir, "{\"width\": 160, \"height\": 90, \"scenes\": [" + String.join(",", scenes) + "]}");
        float[] s = Decoded.audio(r.output());
        assertThat(s.length).as("10 s of sound").isCloseTo(10 * RATE, org.assertj.core.data.Offset.offset(AUDIO_FRAME));

        double[] env = envelope(s, RATE / 1000);
        double quiet = 0.2 / Math.sqrt(2);
        double loud = 0.6 / Math.sqrt(2);
        double middle = (quiet + loud) / 2;
        int worst = 0;
        for (int k = 1; k < 20; k++) {
            int expected = k * RATE / 2;
            int measured = crossing(env, expected - 4 * AUDIO_FRAME, expected + 4 * AUDIO_FRAME, middle);
            assertThat(measured).as("burst %d found near %d", k, expected).isNotNegative();
            worst = Math.max(worst, Math.abs(measured - expected));
        }
        assertThat(worst).as("largest misplacement in samples").isLessThanOrEqualTo(AUDIO_FRAME);
        assertThat(Decoded.rms(s, 0.002, 0.02)).as("first burst starts at 0").isCloseTo(quiet, org.assertj.core.data.Offset.offset(0.03));

        // No gap: the envelope never drops below the quiet level, anywhere inside the movie.
        double lowest = Double.MAX_VALUE;
        int where = -1;
        for (int i = 2 * RATE / 1000; i < 10 * RATE - 2 * RATE / 1000; i++) {
            if (env[i] < lowest) {
                lowest = env[i];
                where = i;
            }
        }
        assertThat(lowest).as("no dip at any join (lowest at sample %d of %d)", where, s.length).isGreaterThan(quiet * 0.85);
        // No click: neighbouring samples never jump more than the sine's own steepest step allows.
        double maxStep = 2 * Math.PI * 1000 * 0.6 / RATE;
        double step = 0;
        for (int i = 1; i < s.length; i++) {
            step = Math.max(step, Math.abs(s[i] - s[i - 1]));
        }
        assertThat(step).as("largest sample-to-sample step").isLessThan(maxStep * 1.3);
    }

    @Test
    void movieMusicWithFitDurationLastsExactlyTheMovieAndFadesOut() throws Exception {
        TestMedia.tone(dir, "music.wav", 1000, 20, 0.5);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90,
                 "elements": [{"type": "audio", "src": "music.wav", "duration": -2, "fade-out": 2}],
                 "scenes": [{"duration": 2}, {"duration": 2}, {"duration": 2}]}""");
        float[] s = Decoded.audio(r.output());
        assertThat(r.duration()).isEqualTo(6.0);
        assertThat(s.length).as("the music lasts exactly the movie").isCloseTo(6 * RATE, org.assertj.core.data.Offset.offset(AUDIO_FRAME));
        double full = 0.5 / Math.sqrt(2);
        assertThat(Decoded.rms(s, 1, 2)).isCloseTo(full, org.assertj.core.data.Offset.offset(0.02));
        assertThat(Decoded.rms(s, 3.85, 3.95)).as("before the fade").isCloseTo(full, org.assertj.core.data.Offset.offset(0.02));
        assertThat(Decoded.rms(s, 4.95, 5.05)).as("half-way through the fade").isBetween(full * 0.3, full * 0.7);
        assertThat(Decoded.rms(s, 5.9, 6.0)).as("faded out at the end").isLessThan(full * 0.08);
    }

    @Test
    void volumeIsALinearGainAndVideoSoundJoinsTheMix() throws Exception {
        TestMedia.tone(dir, "tone.wav", 500, 3, 0.2);
        TestMedia.countingVideo(dir, "clip.mp4", 25, 2);
        RenderResult r = Renders.render(dir, """
                {"width": 160, "height": 90, "scenes": [
                  {"duration": 1, "elements": [{"type": "audio", "src": "tone.wav", "volume": 2}]},
                  {"duration": 1, "elements": [{"type": "video", "src": "clip.mp4", "muted": true}]},
                  {"duration": 1, "elements": [{"type": "video", "src": "clip.mp4", "volume": 0.5}]}]}""");
        float[] s = Decoded.audio(r.output());
        assertThat(Decoded.rms(s, 0.2, 0.8)).as("volume 2 doubles the amplitude").isCloseTo(0.4 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.02));
        assertThat(Decoded.rms(s, 1.2, 1.8)).as("muted video is silent").isLessThan(0.002);
        double videoTone = Decoded.rms(s, 2.2, 2.8);
        assertThat(videoTone).as("the video's own sound, at half volume").isCloseTo(0.125 / Math.sqrt(2) * 0.5 * Math.sqrt(2), org.assertj.core.data.Offset.offset(0.03));
    }

    /** Moving RMS over a window of {@code period} samples, centred. */
    private static double[] envelope(float[] s, int period) {
        double[] env = new double[s.length];
        double acc = 0;
        int half = period / 2;
        for (int i = 0; i < s.length + half; i++) {
            if (i < s.length) {
                acc += s[i] * s[i];
            }
            if (i >= period) {
                acc -= s[i - period] * s[i - period];
            }
            int centre = i - half;
            if (centre >= 0 && centre < s.length) {
                env[centre] = Math.sqrt(Math.max(0, acc) / period);
            }
        }
        return env;
    }

    /** First index in [from, to) where the envelope crosses {@code level}, or -1. */
    private static int crossing(double[] env, int from, int to, double level) {
        for (int i = Math.max(1, from); i < Math.min(env.length, to); i++) {
            if ((env[i - 1] < level) != (env[i] < level)) {
                return i;
            }
        }
        return -1;
    }
}
