package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** What the providers' tests share: settings, tiny audio, and the checks that no key leaks. */
final class SpeechTesting {
    private SpeechTesting() {
    }

    /** Provider settings from these keys, with a short timeout and two retries unless given. */
    static ProviderSettings settings(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("provider-timeout", "2");
        m.put("provider-retries", "2");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.load(m, Map.of()).providers();
    }

    /** The HTTP layer of {@code p}, with short backoffs (50 ms, 100 ms…) so that failing tests stay fast. */
    static ProviderHttp quick(ProviderSettings p) {
        return new ProviderHttp(p.timeout(), p.retries(), Duration.ofMillis(50));
    }

    static SpeechRequest request(String text, String voice, String model, JsonNode settings) {
        return new SpeechRequest(text, voice, model, settings == null ? JsonNodeFactory.instance.objectNode() : settings);
    }

    /** A 0.4 s tone as a 24 kHz mono 16-bit WAV, what Azure's riff-24khz-16bit-mono-pcm is. */
    static byte[] wav(Path dir) throws Exception {
        Path out = dir.resolve("tone-" + System.nanoTime() + ".wav");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=0.4", "-ar", "24000", "-ac", "1", "-c:a", "pcm_s16le",
                out.toString());
        return Files.readAllBytes(out);
    }

    /** A 0.4 s tone as an MP3 (44.1 kHz), what ElevenLabs' mp3_44100_128 is. */
    static byte[] mp3(Path dir) throws Exception {
        Path out = dir.resolve("tone-" + System.nanoTime() + ".mp3");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=0.4", "-ar", "44100", "-ac", "1", "-c:a", "libmp3lame",
                "-b:a", "128k", out.toString());
        return Files.readAllBytes(out);
    }

    /** The file is sound of about {@code seconds}. */
    static void assertSound(Path file, double seconds) {
        MediaInfo info = Decoded.probe(file);
        assertThat(info.hasAudio()).as("has sound").isTrue();
        assertThat(info.soundLength()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.15));
        assertThat(Decoded.rms(Decoded.audio(file), 0.05, seconds - 0.1)).as("not silent").isGreaterThan(0.05);
    }

    /** Neither the exception's messages (its causes' included) nor its printout hold {@code key}. */
    static void assertNoKey(Throwable t, String key) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(key);
            assertThat(c.toString()).doesNotContain(key);
        }
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        assertThat(w.toString()).doesNotContain(key);
    }

    /** What {@code action} logs (slf4j-simple writes to System.err) and its result. */
    record Logged<T>(T result, Throwable failure, String log) {
    }

    static synchronized <T> Logged<T> logged(Callable<T> action) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            T result = null;
            Throwable failure = null;
            try {
                result = action.call();
            } catch (Throwable t) {
                failure = t;
            }
            return new Logged<>(result, failure, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    /** Seconds between two requests as the server saw them. */
    static double gap(FakeProvider.Request a, FakeProvider.Request b) {
        return (b.nanos() - a.nanos()) / 1e9;
    }

    /**
     * What ElevenLabs answers: the MP3 in base64 and each character of {@code text} with a start and end time
     * (characters 0.02 s apart, a space 0.05 s), as alignment and normalized_alignment.
     */
    static FakeProvider.Reply elevenLabsAnswer(String text, Path dir) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode a = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode chars = a.putArray("characters");
        com.fasterxml.jackson.databind.node.ArrayNode starts = a.putArray("character_start_times_seconds");
        com.fasterxml.jackson.databind.node.ArrayNode ends = a.putArray("character_end_times_seconds");
        double t = 0;
        for (int i = 0; i < text.length(); i++) {
            double len = text.charAt(i) == ' ' ? 0.05 : 0.02;
            chars.add(String.valueOf(text.charAt(i)));
            starts.add(Math.round(t * 1000) / 1000.0);
            ends.add(Math.round((t + len) * 1000) / 1000.0);
            t += len;
        }
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("audio_base64", java.util.Base64.getEncoder().encodeToString(mp3(dir)));
        body.set("alignment", a);
        body.set("normalized_alignment", a.deepCopy());
        return FakeProvider.Reply.json(200, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body));
    }
}
