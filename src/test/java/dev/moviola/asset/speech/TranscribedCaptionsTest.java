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
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subtitles without captions or voices: the movie's mixed sound is transcribed by an OpenAI-compatible service (a
 * fake Whisper server here, checking what it is sent), once, and its words caption the movie; without a service the
 * render fails naming the setting.
 */
class TranscribedCaptionsTest {
    /** Two words, 0.5-1.0 s and 1.0-1.5 s. */
    static final String WHISPER = "{\"text\":\"Hello world\",\"words\":[{\"word\":\" Hello\",\"start\":0.5,\"end\":1.0},"
            + "{\"word\":\" world\",\"start\":1.0,\"end\":1.5}]}";

    @TempDir
    Path dir;

    private RenderResult render(Map<String, String> more, String out) throws Exception {
        TestMedia.tone(dir, "speech.wav", 300, 2, 0.3);
        Map<String, String> s = new HashMap<>(Map.of("work-dir", dir.resolve("work").toString(),
                "cache-dir", dir.resolve("cache").toString()));
        s.putAll(more);
        Settings settings = Settings.load(s, Map.of());
        String movie = """
                {"width": 320, "height": 180, "fps": 10,
                 "elements": [{"type": "subtitles", "language": "en-US",
                   "settings": {"style": "boxed-word", "box-color": "#00ff00", "font-size": 24}}],
                 "scenes": [{"duration": 2, "elements": [{"type": "audio", "src": "speech.wav"}]}]}""";
        return new Pipeline(settings, TestFfmpeg.ffmpeg()).render(Pipeline.read(movie, settings), dir,
                dir.resolve(out), RenderOptions.DEFAULT, ProgressListener.NONE);
    }

    @Test
    void theMixedSoundIsTranscribedOnceAndItsWordsCaptionTheMovie() throws Exception {
        try (FakeProvider whisper = new FakeProvider(Reply.json(200, WHISPER))) {
            Map<String, String> service = Map.of("transcription-url", whisper.url(), "transcription-model", "whisper-large");
            RenderResult r = render(service, "a.mp4");
            assertThat(whisper.requests()).singleElement().satisfies(req -> {
                assertThat(req.path()).isEqualTo("/v1/audio/transcriptions");
                assertThat(req.header("content-type")).startsWith("multipart/form-data");
                assertThat(req.text()).contains("whisper-large").contains("verbose_json").contains("name=\"language\"");
            });
            assertThat(Pixels.countDifferent(Decoded.frame(r.output(), 2), 0, 0, 320, 180, 0, 0, 0)).as("nothing said yet")
                    .isZero();
            assertThat(SubtitlesInk.green(Decoded.frame(r.output(), 7))).as("'Hello' boxed").isGreaterThan(100);
            assertThat(SubtitlesInk.green(Decoded.frame(r.output(), 12))).as("'world' boxed").isGreaterThan(100);

            render(service, "b.mp4");
            assertThat(whisper.requests()).as("the same sound is not transcribed again").hasSize(1);
        }
    }

    @Test
    void withoutATranscriptionServiceTheRenderFailsNamingTheSetting() {
        assertThatThrownBy(() -> render(Map.of(), "c.mp4")).isInstanceOfSatisfying(RenderFailure.class, f -> {
            assertThat(f.getMessage()).contains("elements[0]").contains("transcription-url");
            assertThat(Files.exists(dir.resolve("c.mp4"))).isFalse();
        });
    }

    /** Box pixels of a caption (pure green). */
    static final class SubtitlesInk {
        static int green(java.awt.image.BufferedImage f) {
            int n = 0;
            for (int y = 0; y < f.getHeight(); y++) {
                for (int x = 0; x < f.getWidth(); x++) {
                    if (Pixels.near(f, x, y, 0, 255, 0)) {
                        n++;
                    }
                }
            }
            return n;
        }
    }
}
