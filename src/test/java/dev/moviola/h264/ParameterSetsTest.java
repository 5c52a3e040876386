package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPS/PPS comparison across clips (study §3.1) and the decode delay the still clip's MP4 needs (§3.3). */
class ParameterSetsTest {
    @TempDir
    Path dir;

    @Test
    void mp4AvcCEqualsTheAnnexBParameterSets() throws Exception {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 3);
        Path raw = X264Runs.write(dir, "run.h264", x264);
        Path mp4 = dir.resolve("run.mp4");
        X264Runs.Result r = X264Runs.ffmpeg(List.of("-v", "error", "-i", raw.toString(), "-c", "copy",
                mp4.toString()));
        assertThat(r.exit()).as(r.stderr()).isZero();
        ParameterSets annexB = ParameterSets.fromAnnexB(x264);
        assertThat(ParameterSets.fromMp4(mp4)).isEqualTo(annexB).hasSameHashCodeAs(annexB);
        assertThat(annexB.sps()[0] & 0x1f).isEqualTo(7);
        assertThat(annexB.pps()[0] & 0x1f).isEqualTo(8);
        assertThat(annexB.toString()).contains(java.util.HexFormat.of().formatHex(annexB.pps()));
    }

    @ParameterizedTest
    @CsvSource({"ultrafast, 0", "veryfast, 2", "medium, 2"})
    void reorderFramesIsTheDecodeDelayOfThePreset(String preset, int reorder) {
        assertThat(ParameterSets.fromAnnexB(X264Runs.encode(dir, preset, 23, 320, 180, 1)).reorderFrames())
                .isEqualTo(reorder);
    }

    @Test
    void crfChangesThePpsUnlessStitchable() {
        ParameterSets crf23 = ParameterSets.fromAnnexB(X264Runs.encode(dir, "veryfast", 23, 320, 180, 1));
        ParameterSets crf20 = ParameterSets.fromAnnexB(X264Runs.encode(dir, "veryfast", 20, 320, 180, 1));
        assertThat(crf23.sps()).isEqualTo(crf20.sps());
        assertThat(crf23).isNotEqualTo(crf20);
        assertThat(Pps.parse(new Nal(crf23.pps()), 1).picInitQp()).isEqualTo(23);
        assertThat(Pps.parse(new Nal(crf20.pps()), 1).picInitQp()).isEqualTo(20);

        ParameterSets s23 = ParameterSets.fromAnnexB(X264Runs.encode(dir, "veryfast", 23, 320, 180, 1,
                "-x264-params", "stitchable=1"));
        ParameterSets s20 = ParameterSets.fromAnnexB(X264Runs.encode(dir, "veryfast", 20, 320, 180, 1,
                "-x264-params", "stitchable=1"));
        assertThat(s23).isEqualTo(s20);
        assertThat(Pps.parse(new Nal(s23.pps()), 1).picInitQp()).isEqualTo(26);
    }

    @Test
    void aStreamWithoutParameterSetsIsRefused() {
        assertThatThrownBy(() -> ParameterSets.fromAnnexB(new byte[] {0, 0, 0, 1, 0x09, 0x10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPS");
    }
}
