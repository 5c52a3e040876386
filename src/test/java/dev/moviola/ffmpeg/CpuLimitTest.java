package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.testing.TestFfmpeg;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The CPU-time limit of each ffmpeg process (setting {@code cpu-limit}): a process that works past it is stopped
 * and the failure says which limit. ffmpeg also gets the limit (a little above) as {@code -timelimit}, so the
 * kernel stops it even when no JVM watches.
 */
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
    void theKernelLimitIsAboveTheWatchedOne() {
        assertThat(Ffmpeg.kernelLimitSeconds(Duration.ofSeconds(2))).isEqualTo(8);
        assertThat(Ffmpeg.kernelLimitSeconds(Duration.ofHours(4))).isEqualTo(15_845);
    }
}
