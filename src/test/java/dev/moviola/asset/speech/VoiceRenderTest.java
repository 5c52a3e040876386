package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.asset.speech.FakeProvider.Reply;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.TestFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voices in rendered movies: speech where the voices are and silence elsewhere, a {@code -1} scene lasting its voice,
 * timing variables after a line, captions from the voices' words; and the element cache: a voice is synthesised once
 * across renders and concurrent renders, again only with {@code cache: false} (counted on a fake provider).
 */
class VoiceRenderTest {

    @TempDir
    Path dir;

    private RenderResult render(String json, Map<String, String> more) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("work-dir", dir.resolve("work").toString(),
                "cache-dir", dir.resolve("cache").toString()));
        s.putAll(more);
        Settings settings = Settings.load(s, Map.of());
        Path out = dir.resolve("movie-" + System.nanoTime() + ".mp4");
        return new Pipeline(settings, TestFfmpeg.ffmpeg()).render(Pipeline.read(json, settings), dir, out,
                RenderOptions.DEFAULT, ProgressListener.NONE);
    }

    @Test
    void speechPlaysWhereTheVoicesAreAndNowhereElse() throws Exception {
        RenderResult r = render("""
                {"width": 160, "height": 90, "fps": 25,
                 "elements": [{"type": "voice", "text": "And that is all.", "start": 11, "model": "local"}],
                 "scenes": [
                  {"duration": 3, "elements": [{"type": "voice", "text": "Hello there.", "start": 1, "model": "local"}]},
                  {"elements": [{"type": "voice", "id": "line", "text": "This scene lasts as long as I speak.",
                                 "voice": "en-US-EmmaMultilingualNeural"},
                                {"type": "text", "text": "NEXT", "start": "{{ line_end }}", "duration": 0.4,
                                 "settings": {"font-size": "30px"}}]},
                  {"duration": 9, "elements": []}]}""", Map.of());
        float[] sound = Decoded.audio(r.output());
        double scene2 = r.duration() - 3 - 9; // the second scene lasts its voice and the title after it
        assertThat(scene2).as("the -1 scene: its voice, then the title placed at line_end").isBetween(2.0, 4.5);
        assertThat(Decoded.rms(sound, 0, 0.9)).as("silence before the first voice").isLessThan(0.003);
        assertThat(Decoded.rms(sound, 1.1, 1.8)).as("the first voice").isGreaterThan(0.02);
        assertThat(Decoded.rms(sound, 2.5, 2.95)).as("silence after it").isLessThan(0.003);
        assertThat(Decoded.rms(sound, 3.2, 3.2 + scene2 - 0.8)).as("the second voice").isGreaterThan(0.02);
        assertThat(Decoded.rms(sound, 3 + scene2 + 0.1, 10.9)).as("the third scene is silent until 11 s").isLessThan(0.003);
        assertThat(Decoded.rms(sound, 11.1, 11.8)).as("the movie-level voice at 11 s").isGreaterThan(0.02);
        long titleFrame = Math.round((3 + scene2 - 0.2) * 25);
        long beforeTitle = Math.round((3 + scene2 - 0.8) * 25);
        assertThat(Pixels.countDifferent(Decoded.frame(r.output(), titleFrame), 0, 0, 160, 90, 0, 0, 0))
                .as("the title after the line").isGreaterThan(50);
        assertThat(Pixels.countDifferent(Decoded.frame(r.output(), beforeTitle), 0, 0, 160, 90, 0, 0, 0))
                .as("not while it is spoken").isZero();
    }

    @Test
    void captionsFollowTheVoicesWords() throws Exception {
        RenderResult r = render("""
                {"width": 320, "height": 180, "fps": 25,
                 "elements": [{"type": "subtitles", "settings": {"style": "boxed-word", "box-color": "#00ff00",
                   "font-size": 24, "max-words-per-line": 2}}],
                 "scenes": [{"elements": [{"type": "voice", "text": "one two three four", "model": "local"}]}]}""",
                Map.of());
        int boxedFrames = 0;
        int frames = (int) Math.round(r.duration() * 25);
        for (int f = 0; f < frames; f += 2) {
            if (Pixels.countDifferent(Decoded.frame(r.output(), f), 0, 120, 320, 60, 0, 0, 0) > 0) {
                boxedFrames++;
            }
        }
        assertThat(boxedFrames).as("captions show while the voice speaks").isGreaterThan(frames / 4);
    }

    private static String movie(String background, boolean cache) {
        return """
                {"width": 160, "height": 90, "scenes": [{"background-color": "%s", "elements": [
                  {"type": "voice", "text": "Hi there", "model": "elevenlabs", "cache": %s}]}]}""".formatted(background, cache);
    }

    @Test
    void aVoiceIsSynthesisedOnceAcrossRendersAndConcurrentRendersAndAgainOnlyWithCacheFalse() throws Exception {
        try (FakeProvider eleven = new FakeProvider(SpeechTesting.elevenLabsAnswer("Hi there", dir))) {
            Map<String, String> provider = Map.of("elevenlabs-url", eleven.url(), "elevenlabs-api-key", "k-123");
            RenderResult first = render(movie("red", true), provider);
            assertThat(eleven.requests()).hasSize(1);
            assertThat(first.cache().elementsFetched()).isEqualTo(1);
            RenderResult again = render(movie("blue", true), provider);
            assertThat(eleven.requests()).as("the second render asks the provider nothing").hasSize(1);
            assertThat(again.cache().elementsHit()).isEqualTo(1);
            render(movie("green", false), provider);
            assertThat(eleven.requests()).as("cache: false synthesises again").hasSize(2);

            // One process, one cache (as the service has): both renders wait for the one synthesis.
            Map<String, String> s = new HashMap<>(provider);
            s.putAll(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir", dir.resolve("cache").toString()));
            Settings settings = Settings.load(s, Map.of());
            Pipeline shared = new Pipeline(settings, TestFfmpeg.ffmpeg());
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Future<RenderResult> a = two.submit(() -> shared.render(Pipeline.read(movie("white", true)
                        .replace("Hi there", "Hello"), settings), dir, dir.resolve("a.mp4"), RenderOptions.DEFAULT,
                        ProgressListener.NONE));
                Future<RenderResult> b = two.submit(() -> shared.render(Pipeline.read(movie("gray", true)
                        .replace("Hi there", "Hello"), settings), dir, dir.resolve("b.mp4"), RenderOptions.DEFAULT,
                        ProgressListener.NONE));
                a.get(2, TimeUnit.MINUTES);
                b.get(2, TimeUnit.MINUTES);
            } finally {
                two.shutdownNow();
            }
            assertThat(eleven.requests()).as("two renders wanting a new voice at once: one synthesis").hasSize(3);
        }
    }

    @Test
    void aProviderThatIsNotConfiguredIsNamedAndTheKeyNeverShows() throws Exception {
        assertThatThrownBy(() -> render(movie("red", true), Map.of()))
                .isInstanceOfSatisfying(RenderFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
                    assertThat(f.getMessage()).contains("scenes[0].elements[0].text").contains("elevenlabs-api-key");
                });
        try (FakeProvider refusing = new FakeProvider(Reply.json(401, "{\"detail\": {\"message\": \"invalid key\"}}"))) {
            assertThatThrownBy(() -> render(movie("red", true), Map.of("elevenlabs-url", refusing.url(),
                    "elevenlabs-api-key", "sk-very-secret-key")))
                    .isInstanceOfSatisfying(RenderFailure.class, f -> assertThat(f.getMessage())
                            .contains("elevenlabs-api-key").doesNotContain("sk-very-secret-key"));
        }
        assertThat(Files.exists(dir.resolve("work"))).isTrue();
    }
}
