package dev.moviola.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.Stages;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source's picture size is limited (max-source-pixels), whatever the output size: a small file can decode to
 * a huge frame (a 16000×16000 PNG of 800 KB takes ffmpeg 800 MB). Pictures are measured from their header,
 * videos by the probe, before anything renders.
 */
class SourceSizeTest {
    @TempDir
    Path dir;

    private Stages.Planned plan(String type, String src) throws Exception {
        Settings s = Settings.load(Map.of("work-dir", dir.resolve("work").toString(), "cache-dir",
                dir.resolve("cache").toString(), "max-source-pixels", "1000000"), System.getenv());
        return Renders.planOneSource(new Pipeline(s, TestFfmpeg.ffmpeg()), s, dir, type, src);
    }

    @Test
    void aPictureOverTheLimitIsRefusedNamingItsSizeAndTheSetting() {
        Path big = TestMedia.solid(dir, "big.png", "red", 1250, 1000);
        assertThatThrownBy(() -> plan("image", big.toString())).isInstanceOfSatisfying(RenderFailure.class, f -> {
            assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
            assertThat(f.getMessage()).startsWith("scenes[0].elements[0].src: ").contains("is 1250x1000 pixels (1.3 MP), "
                    + "more than the 1.0 MP a source may have (max-source-pixels); scale it down");
        });
    }

    @Test
    void aVideoOverTheLimitIsRefusedToo() {
        Path big = dir.resolve("big.mp4");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=blue:s=1280x800:d=0.2", "-c:v", "libx264", "-preset",
                "ultrafast", big.toString());
        assertThatThrownBy(() -> plan("video", big.toString())).isInstanceOfSatisfying(RenderFailure.class,
                f -> assertThat(f.getMessage()).contains("is 1280x800 pixels"));
    }

    @Test
    void aPictureAtTheLimitIsUsed() throws Exception {
        Path fits = TestMedia.solid(dir, "fits.png", "red", 1000, 1000);
        assertThat(plan("image", fits.toString()).plan().scenes()).hasSize(1);
    }
}
