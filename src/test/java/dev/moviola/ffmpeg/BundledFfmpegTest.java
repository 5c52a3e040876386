package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh machine has no ffmpeg: Moviola falls back to the static build from its Maven dependencies, which
 * comes without ffprobe. This renders a real movie that way.
 */
class BundledFfmpegTest {
    @TempDir
    Path dir;

    @Test
    void theBundledFfmpegIsExtractedOnceAndRendersWithoutFfprobe() throws Exception {
        Path cache = dir.resolve("cache");
        Path bundled = FfmpegLocator.extractBundled(cache);
        long modified = Files.getLastModifiedTime(bundled).toMillis();
        assertThat(FfmpegLocator.extractBundled(cache)).isEqualTo(bundled);
        assertThat(Files.getLastModifiedTime(bundled).toMillis()).as("extracted once").isEqualTo(modified);

        FfmpegInstallation installation = FfmpegLocator.locate(Optional.of(bundled), Optional.empty(), cache);
        assertThat(installation.ffprobe()).isEmpty();
        assertThat(installation.version()).isNotBlank();

        TestMedia.solid(dir, "red.png", "red", 32, 32);
        TestMedia.tone(dir, "tone.wav", 440, 2, 0.3);
        String json = """
                {"width": 160, "height": 90, "fps": 24,
                 "elements": [{"type": "audio", "src": "tone.wav", "duration": -2, "fade-out": 0.5}],
                 "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "red.png", "position": "center-center",
                   "width": 40, "height": 40}, {"type": "text", "text": "bundled", "fade-in": 0.3}]},
                   {"elements": [{"type": "audio", "src": "tone.wav", "seek": 1.5}]}]}""";
        Settings settings = Renders.settings(dir);
        Pipeline pipeline = new Pipeline(settings, new Ffmpeg(installation, ProcessObserver.NONE));
        RenderResult r = pipeline.render(Pipeline.read(json, settings), dir, dir.resolve("out.mp4"),
                RenderOptions.DEFAULT, ProgressListener.NONE);
        assertThat(r.duration()).isEqualTo(1.5);
        assertThat(r.ffmpegVersion()).isEqualTo(installation.version());
        assertThat(Decoded.frameCount(r.output())).isEqualTo(36);
        assertThat(Pixels.near(Decoded.frame(r.output(), 10), 64, 30, 255, 0, 0)).as("red square, off the text").isTrue();
        assertThat(Decoded.rms(Decoded.audio(r.output()), 0.2, 0.8)).isGreaterThan(0.2);
    }
}
