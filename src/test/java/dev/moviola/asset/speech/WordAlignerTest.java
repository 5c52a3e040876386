package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.testing.TestFfmpeg;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the aligner: the target is espeak-ng in another voice, rate and pitch than the reference, so its exact
 * word times are the truth the estimate is held to. Needs espeak-ng and ffmpeg.
 */
class WordAlignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 20 words. */
    static final String LINE = "The lighthouse keeper climbed the stairs every evening, lit the lamp, and watched "
            + "the ships pass safely through the night.";

    @TempDir
    Path dir;

    private static EspeakSpeech engine() {
        return new EspeakSpeech(Optional.empty(), Duration.ofSeconds(60), ProcessObserver.NONE);
    }

    /** The target: female variant, slower, higher, with its exact times. */
    private Speech target(String text) throws Exception {
        return engine().synthesize(new SpeechRequest(text, "en-us+f3", null,
                JSON.readTree("{\"rate\":150,\"pitch\":70}")), dir.resolve("target"));
    }

    @Test
    void wordStartsAreWithinEightyMillisecondsOnTheMedian() throws Exception {
        assertThat(LINE.split(" ")).hasSize(20);
        Speech target = target(LINE);
        WordAligner aligner = new WordAligner(TestFfmpeg.ffmpeg(), engine(), Duration.ofSeconds(60));
        List<TimedWord> estimate = aligner.align(LINE, target.audio(), "en-US", dir.resolve("work"));
        double[] err = report("dtw", target.words(), estimate, 0);
        assertThat(median(err)).isLessThanOrEqualTo(0.080);
        assertThat(max(err)).isLessThan(0.3);
        try (var left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("work files are deleted").isEmpty();
        }
    }

    @Test
    void leadingAndTrailingSilenceAreNotWords() throws Exception {
        Speech target = target(LINE);
        Wav.Pcm pcm = Wav.read(target.audio());
        double lead = 1.3;
        double trail = 2.0;
        Path padded = dir.resolve("padded.wav");
        write(padded, pad(pcm.samples(), pcm.sampleRate(), lead, trail, 20), pcm.sampleRate());
        WordAligner aligner = new WordAligner(TestFfmpeg.ffmpeg(), engine(), Duration.ofSeconds(60));
        List<TimedWord> estimate = aligner.align(LINE, padded, "en-US", dir.resolve("work"));
        double[] err = report("dtw, 1.3 s silence before and 2 s after", target.words(), estimate, lead);
        assertThat(median(err)).isLessThanOrEqualTo(0.080);
        assertThat(max(err)).isLessThan(0.3);
        assertThat(estimate.get(0).start()).isGreaterThan(lead - 0.1);
        assertThat(estimate.get(estimate.size() - 1).end()).isLessThan(lead + pcm.seconds() + 0.2);
    }

    @Test
    void anotherAccentThroughALossyCodec() throws Exception {
        // British received pronunciation, female, fast and low, as MP3 at 24 kHz (as cloud voices come)
        Speech target = engine().synthesize(new SpeechRequest(LINE, "en-gb-x-rp+f4", null,
                JSON.readTree("{\"rate\":200,\"pitch\":40}")), dir.resolve("target"));
        Path mp3 = dir.resolve("target.mp3");
        TestFfmpeg.ffmpeg().run("encode the target", List.of("-i", target.audio().toString(), "-ar", "24000",
                "-b:a", "48k", mp3.toString()), Duration.ofSeconds(60), null);
        WordAligner aligner = new WordAligner(TestFfmpeg.ffmpeg(), engine(), Duration.ofSeconds(60));
        List<TimedWord> estimate = aligner.align(LINE, mp3, "en-US", dir.resolve("work"));
        // the encoder's delay shifts the audio a little: measured as it is
        double[] err = report("dtw, en-gb-x-rp+f4 at 200 wpm as MP3", target.words(), estimate, 0);
        assertThat(median(err)).isLessThanOrEqualTo(0.080);
    }

    @Test
    void withoutTheLocalEngineSyllablesGiveARougherEstimate() throws Exception {
        Speech target = target(LINE);
        Wav.Pcm pcm = Wav.read(target.audio());
        Path padded = dir.resolve("padded.wav");
        write(padded, pad(pcm.samples(), pcm.sampleRate(), 0.8, 0.5, 20), pcm.sampleRate());
        WordAligner aligner = new WordAligner(TestFfmpeg.ffmpeg(), null, Duration.ofSeconds(60));
        assertThat(aligner.identity()).contains("syllables");
        List<TimedWord> estimate = aligner.align(LINE, padded, "en-US", dir.resolve("work"));
        double[] err = report("syllables, 0.8 s silence before", target.words(), estimate, 0.8);
        assertThat(median(err)).isLessThanOrEqualTo(0.25);
        assertThat(estimate.get(0).start()).isBetween(0.7, 0.9);
    }

    @Test
    void aBrokenLocalEngineFallsBackToSyllables() throws Exception {
        Speech target = target(LINE);
        EspeakSpeech missing = new EspeakSpeech(Optional.of(dir.resolve("none/espeak-ng")), Duration.ofSeconds(30),
                ProcessObserver.NONE);
        WordAligner aligner = new WordAligner(TestFfmpeg.ffmpeg(), missing, Duration.ofSeconds(60));
        List<TimedWord> estimate = aligner.align(LINE, target.audio(), "en-US", dir.resolve("work"));
        assertThat(estimate).extracting(TimedWord::text).containsExactly(LINE.split(" "));
        report("syllables (local engine missing)", target.words(), estimate, 0);
    }

    @Test
    void syllableCounts() {
        assertThat(WordAligner.syllables("lighthouse")).isEqualTo(3); // "i", "ou", "e": a rough count
        assertThat(WordAligner.syllables("the")).isEqualTo(1);
        assertThat(WordAligner.syllables("evening,")).isEqualTo(3.3);
        assertThat(WordAligner.syllables("1998")).isEqualTo(6);
        assertThat(WordAligner.syllables("日本語")).isEqualTo(3);
        assertThat(WordAligner.syllables("—")).isEqualTo(0.8);
    }

    /** Prints each word's error and the summary; returns the start errors (seconds). */
    static double[] report(String what, List<TimedWord> truth, List<TimedWord> estimate, double offset) {
        assertThat(estimate).extracting(TimedWord::text).containsExactlyElementsOf(
                truth.stream().map(TimedWord::text).toList());
        double[] err = new double[truth.size()];
        StringBuilder sb = new StringBuilder(what).append('\n');
        for (int k = 0; k < truth.size(); k++) {
            TimedWord t = truth.get(k);
            TimedWord e = estimate.get(k);
            err[k] = Math.abs(e.start() - (t.start() + offset));
            sb.append(String.format("  %-10s truth %6.3f-%6.3f  estimate %6.3f-%6.3f  start error %4.0f ms%n",
                    t.text(), t.start() + offset, t.end() + offset, e.start(), e.end(), err[k] * 1000));
        }
        sb.append(String.format("  median start error %.0f ms, max %.0f ms", median(err) * 1000, max(err) * 1000));
        System.out.println(sb);
        return err;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }

    /** Silence (quiet noise of the given amplitude, as a recording has) before and after. */
    static short[] pad(short[] pcm, int rate, double before, double after, int noise) {
        int b = (int) Math.round(before * rate);
        int a = (int) Math.round(after * rate);
        short[] out = new short[b + pcm.length + a];
        Random r = new Random(1);
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (r.nextGaussian() * noise);
        }
        for (int i = 0; i < pcm.length; i++) {
            out[b + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, out[b + i] + pcm[i]));
        }
        return out;
    }

    static void write(Path file, short[] pcm, int rate) throws Exception {
        try (OutputStream o = Files.newOutputStream(file)) {
            Wav.write(o, pcm, pcm.length, rate);
        }
    }
}
