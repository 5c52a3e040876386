package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Still clips as a viewer gets them: FFmpeg decodes them without a message, every frame is the IDR's picture, the
 * frame count is exact, OpenH264 decodes the same pictures, and periodic IDRs make seeking work.
 */
class StillClipDecodeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ultrafast", "veryfast", "medium"})
    void everyFrameIsTheIdrPictureInFfmpegAndOpenH264(String preset) {
        assertStill(preset, 320, 180, 60, 25);
    }

    @Test
    void cabac1080pStill() {
        assertStill("veryfast", 1920, 1080, 40, 250);
    }

    private void assertStill(String preset, int w, int h, int frames, int keyint) {
        byte[] x264 = X264Runs.encode(dir, preset, 23, w, h, 1);
        String idrMd5 = X264Runs.framemd5(X264Runs.write(dir, preset + "-idr.h264", x264)).get(0);
        byte[] still = uncheckedStill(x264, frames, keyint);
        Path file = X264Runs.write(dir, preset + "-still.h264", still);

        List<String> ffmpeg = X264Runs.framemd5(file);
        assertThat(ffmpeg).hasSize(frames).containsOnly(idrMd5);
        assertThat(OpenH264.md5s(file, dir)).as("OpenH264 agrees with FFmpeg frame by frame").isEqualTo(ffmpeg);
    }

    @Test
    void onlyTheFirstAccessUnitOfALongerRunIsUsed() {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 9);
        String first = X264Runs.framemd5(X264Runs.write(dir, "run.h264", x264)).get(0);
        byte[] still = uncheckedStill(x264, 12, 250);
        assertThat(X264Runs.framemd5(X264Runs.write(dir, "still.h264", still))).hasSize(12).containsOnly(first);
        List<Nal> in = Nal.split(x264);
        List<Nal> out = Nal.split(still);
        int idr = 0;
        while (in.get(idr).type() != Nal.IDR) {
            idr++;
        }
        for (int i = 0; i <= idr; i++) {
            assertThat(out.get(i).bytes()).as("NAL %d of the IDR access unit, byte for byte", i)
                    .isEqualTo(in.get(i).bytes());
        }
        assertThat(out.subList(idr + 1, out.size())).hasSize(11)
                .allSatisfy(n -> assertThat(n.type()).isEqualTo(Nal.SLICE));
    }

    @Test
    void accessUnitDelimitersFollowX264s() {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 1, "-x264-params", "aud=1");
        assertThat(Nal.split(x264).get(0).type()).isEqualTo(Nal.AUD);
        String idrMd5 = X264Runs.framemd5(X264Runs.write(dir, "idr.h264", x264)).get(0);
        byte[] still = uncheckedStill(x264, 20, 10);
        assertThat(Nal.split(still).stream().filter(n -> n.type() == Nal.AUD).count()).isEqualTo(20);
        Path file = X264Runs.write(dir, "still.h264", still);
        List<String> md5 = X264Runs.framemd5(file);
        assertThat(md5).hasSize(20).containsOnly(idrMd5);
        assertThat(OpenH264.md5s(file, dir)).isEqualTo(md5);
    }

    @Test
    void theLastFrameIsNeverAReEmittedIdr() {
        byte[] x264 = X264Runs.encode(dir, "ultrafast", 23, 320, 180, 1);
        for (int[] c : new int[][] {{101, 100, 1}, {201, 100, 2}, {202, 100, 3}, {300, 100, 3}, {5, 2, 2}}) {
            List<Nal> nals = Nal.split(uncheckedStill(x264, c[0], c[1]));
            assertThat(nals.stream().filter(n -> n.type() == Nal.IDR).count()).as("%d frames, keyint %d", c[0], c[1])
                    .isEqualTo(c[2]);
            assertThat(nals.stream().filter(Nal::isVcl).count()).isEqualTo(c[0]);
            assertThat(nals.get(nals.size() - 1).type()).isEqualTo(Nal.SLICE);
        }
    }

    @Test
    void aOneFrameStillIsTheIdrAccessUnit() {
        byte[] x264 = X264Runs.encode(dir, "ultrafast", 23, 320, 180, 4);
        byte[] still = uncheckedStill(x264, 1, 250);
        assertThat(X264Runs.framemd5(X264Runs.write(dir, "one.h264", still))).hasSize(1);
        assertThat(Nal.split(still)).last().satisfies(n -> assertThat(n.type()).isEqualTo(Nal.IDR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ultrafast", "veryfast"})
    void periodicIdrsGiveKeyframesToSeekTo(String preset) {
        byte[] x264 = X264Runs.encode(dir, preset, 23, 320, 180, 1);
        String idrMd5 = X264Runs.framemd5(X264Runs.write(dir, "idr.h264", x264)).get(0);
        byte[] still = uncheckedStill(x264, 300, 100);
        Path raw = X264Runs.write(dir, "still.h264", still);
        int shift = ParameterSets.fromAnnexB(x264).reorderFrames();
        Path mp4 = dir.resolve("still.mp4");
        X264Runs.Result mux = X264Runs.ffmpeg(List.of("-v", "error", "-framerate", "30", "-i", raw.toString(),
                "-c", "copy", "-bsf:v", "setts=pts=N*512:dts=(N-" + shift + ")*512", "-video_track_timescale",
                "15360", mp4.toString()));
        assertThat(mux.exit()).as(mux.stderr()).isZero();

        assertThat(X264Runs.framemd5(mp4)).hasSize(300).containsOnly(idrMd5);
        X264Runs.Result probe = X264Runs.ffprobe(List.of("-v", "error", "-select_streams", "v",
                "-show_entries", "packet=flags", "-of", "csv=p=0", mp4.toString()));
        long keyframes = Arrays.stream(probe.stdout().split("\n")).filter(l -> l.startsWith("K")).count();
        assertThat(keyframes).isEqualTo(3);
        for (String at : List.of("5", "8.5")) {
            List<String> seek = X264Runs.framemd5(mp4, "-ss", at);
            assertThat(seek).as("seek to %s s", at).isNotEmpty().containsOnly(idrMd5);
            assertThat(seek).hasSize(300 - (int) Math.round(Double.parseDouble(at) * 30));
        }
    }

    static byte[] uncheckedStill(byte[] x264, int frames, int keyint) {
        try {
            return StillStream.of(x264, frames, keyint);
        } catch (UnsupportedStreamException e) {
            throw new AssertionError("x264's stream was refused: " + e.getMessage(), e);
        }
    }
}
