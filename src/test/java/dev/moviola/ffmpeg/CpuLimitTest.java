package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.testing.TestFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.moviola.testing.Slow;

/**
 * The CPU-time limit of each ffmpeg process (setting {@code cpu-limit}): a process that works past it is stopped
 * and the failure says which limit. ffmpeg also gets the limit (a little above) as {@code -timelimit}, so the
 * kernel stops it even when no JVM watches.
 */
@Slow
class CpuLimitTest {
    /** Far more work than the limits below allow: minutes of 720p at x264's slowest preset. */
    private static final List<String> BUSY = List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
            "-t", "300", "-c:v", "libx264", "-preset", "veryslow", "-f", "null", "-");

    record Seen(String purpose, ProcessHandle process, List<String> arguments) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ProcessObserver observer = new ProcessObserver() {
        @Override
        public void started(String purpose, ProcessHandle process) {
            seen.add(new Seen(purpose, process, List.of(process.info().arguments().orElse(new String[0]))));
        }
    };

    @Test
    void aProcessOverItsCpuLimitIsStoppedAndTheErrorSaysSo() {
        Ffmpeg ffmpeg = new Ffmpeg(TestFfmpeg.installation(), observer, Duration.ofSeconds(2));

        assertThatThrownBy(() -> ffmpeg.run("scene 4", BUSY, Duration.ofMinutes(5), null))
                .isInstanceOf(FfmpegTimeoutException.class)
                .hasMessage("scene 4 used more than its CPU-time limit of 2.0 s (cpu-limit) and was stopped");

        Seen busy = seen.stream().filter(s -> s.purpose().equals("scene 4")).findFirst().orElseThrow();
        assertThat(busy.process().isAlive()).isFalse();
        // the kernel is told too, a little above, for when this JVM is not there to watch
        assertThat(busy.arguments()).containsSequence("-timelimit", "8");
    }

    @Test
    void withoutACpuLimitOnlyTheWallClockLimitApplies() {
        Ffmpeg ffmpeg = new Ffmpeg(TestFfmpeg.installation(), observer);

        assertThatThrownBy(() -> ffmpeg.run("scene 1", BUSY, Duration.ofSeconds(3), null))
                .isInstanceOf(FfmpegTimeoutException.class)
                .hasMessage("scene 1 took longer than its time limit of 3.0 s and was stopped");
        assertThat(seen.get(0).arguments()).doesNotContain("-timelimit");
    }

    @Test
    void aBuildWithoutTimelimitIsRunAgainWithoutItAndThenNeverGivenIt(@TempDir Path dir) throws Exception {
        FfmpegInstallation real = TestFfmpeg.installation();
        Path calls = dir.resolve("calls");
        Path script = dir.resolve("ffmpeg-without-timelimit");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "case \"$*\" in *-timelimit*) echo \"Unrecognized option 'timelimit'.\" >&2; exit 1 ;; esac\n"
                + "exec '" + real.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Ffmpeg ffmpeg = new Ffmpeg(new FfmpegInstallation(script, real.ffprobe(), real.version(), "test"), observer,
                Duration.ofMinutes(1));
        Path out = dir.resolve("out.wav");
        List<String> tone = List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=0.2", out.toString());

        ffmpeg.run("audio mix", tone, Duration.ofMinutes(1), null);
        ffmpeg.run("audio mix", tone, Duration.ofMinutes(1), null);

        assertThat(out).isNotEmptyFile();
        assertThat(Files.readAllLines(calls)).hasSize(3)
                .satisfies(l -> assertThat(l.get(0)).contains("-timelimit 71"))
                .satisfies(l -> assertThat(l.get(1)).doesNotContain("-timelimit"))
                .satisfies(l -> assertThat(l.get(2)).doesNotContain("-timelimit"));
    }

    @Test
    void theKernelLimitIsAboveTheWatchedOne() {
        assertThat(Ffmpeg.kernelLimitSeconds(Duration.ofSeconds(2))).isEqualTo(8);
        assertThat(Ffmpeg.kernelLimitSeconds(Duration.ofHours(4))).isEqualTo(15_845);
    }
}
