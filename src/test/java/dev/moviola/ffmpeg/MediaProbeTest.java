package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Probing with ffprobe, and without it (reading ffmpeg's own summary), must agree. */
class MediaProbeTest {
    @TempDir
    static Path dir;

    static MediaProbe withoutFfprobe() {
        FfmpegInstallation i = TestFfmpeg.installation();
        return new MediaProbe(new Ffmpeg(new FfmpegInstallation(i.ffmpeg(), Optional.empty(), i.version(), i.origin()),
                ProcessObserver.NONE));
    }

    static Path sample(String name) {
        Path p = dir.resolve(name);
        if (Files.exists(p)) {
            return p;
        }
        switch (name) {
            case "clip.mp4" -> TestMedia.countingVideo(dir, name, 25, 2);
            case "still.png" -> TestMedia.solid(dir, name, "red", 64, 48);
            case "photo.jpg" -> TestMedia.solid(dir, name, "blue", 64, 48);
            case "still.webp" -> TestMedia.solid(dir, name, "green", 64, 48);
            case "still.bmp" -> TestMedia.solid(dir, name, "white", 64, 48);
            case "still.gif" -> TestMedia.solid(dir, name, "yellow", 64, 48);
            case "moving.gif" -> TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x48:d=1:r=10", p.toString());
            case "tone.mp3" -> TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=d=1.5", p.toString());
            case "tone.wav" -> TestMedia.tone(dir, name, 440, 1.25, 0.5);
            default -> throw new IllegalArgumentException(name);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip.mp4", "still.png", "photo.jpg", "still.webp", "still.bmp", "still.gif", "moving.gif",
        "tone.mp3", "tone.wav"})
    void ffmpegAloneFindsWhatFfprobeFinds(String name) throws Exception {
        MediaInfo fallback = withoutFfprobe().probe(sample(name));
        assertThat(fallback.hasVideo() || fallback.hasAudio()).isTrue();
        assumeTrue(TestFfmpeg.installation().ffprobe().isPresent(), "no ffprobe here: nothing to compare with");
        MediaInfo probe = new MediaProbe(TestFfmpeg.ffmpeg()).probe(sample(name));
        assertThat(fallback.hasVideo()).isEqualTo(probe.hasVideo());
        assertThat(fallback.hasAudio()).isEqualTo(probe.hasAudio());
        assertThat(fallback.width()).isEqualTo(probe.width());
        assertThat(fallback.height()).isEqualTo(probe.height());
        assertThat(fallback.isStill()).isEqualTo(probe.isStill());
        assertThat(fallback.isPicture()).isEqualTo(probe.isPicture());
        if (probe.hasLength()) {
            assertThat(fallback.duration()).isCloseTo(probe.duration(), Offset.offset(0.011));
        }
    }

    @Test
    void knowsStillsFromAnimations() throws Exception {
        MediaProbe probe = new MediaProbe(TestFfmpeg.ffmpeg());
        assertThat(probe.probe(sample("still.gif")).isStill()).isTrue();
        MediaInfo moving = probe.probe(sample("moving.gif"));
        assertThat(moving.isStill()).isFalse();
        assertThat(moving.pictureLength()).isCloseTo(1.0, Offset.offset(0.01));
        assertThat(probe.probe(sample("photo.jpg")).hasLength()).isFalse();
        assertThat(probe.probe(sample("clip.mp4")).soundLength()).isCloseTo(2.0, Offset.offset(0.05));
    }

    @Test
    void aFileThatIsNotMediaIsRefusedWithFfmpegsReason() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "");
        assertThatThrownBy(() -> withoutFfprobe().probe(text)).isInstanceOf(FfmpegException.class);
        assertThatThrownBy(() -> new MediaProbe(TestFfmpeg.ffmpeg()).probe(text)).isInstanceOf(FfmpegException.class);
    }

    @Test
    void readsRotationFromTheSummary() throws Exception {
        MediaInfo info = MediaProbe.parseFfmpegSummary(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:phone.mp4':",
                "  Duration: 00:00:03.47, start: 0.000000, bitrate: 15000 kb/s",
                "  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080, 15000 kb/s, 30 fps (default)",
                "    Side data:",
                "      displaymatrix: rotation of -90.00 degrees",
                "  Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 256 kb/s (default)"));
        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
        assertThat(info.duration()).isEqualTo(3.47);
        assertThat(info.hasAudio()).isTrue();
    }
}
