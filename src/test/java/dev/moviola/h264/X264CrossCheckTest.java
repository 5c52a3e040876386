package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CABAC skip data against x264 itself (study §1.5, §5.2): x264 encodes identical frames as all-skip P slices
 * once converged; their slice data must equal ours at the same SliceQPY and cabac_init_idc, except the padding bit
 * that x264 randomises in its flush. Which of x264's P slices are all-skip is decided by an independent CABAC decoder,
 * not by their size.
 */
class X264CrossCheckTest {
    @TempDir
    Path dir;

    @Test
    void cabacDataEqualsEveryAllSkipSliceOfX264() {
        Set<Integer> qps = new TreeSet<>();
        // veryfast at 1080p converges to all-skip P frames at several QPs; medium at 320x192 to a 3-byte one
        qps.addAll(compare(X264Runs.encode(dir, "veryfast", 20, 1920, 1080, 40), "veryfast 1080p"));
        qps.addAll(compare(X264Runs.encode(dir, "medium", 23, 320, 192, 40), "medium 320x192"));
        assertThat(qps).as("SliceQPY values cross-checked").hasSizeGreaterThanOrEqualTo(2);
    }

    private static Set<Integer> compare(byte[] stream, String what) {
        List<Nal> nals = Nal.split(stream);
        Sps sps = Sps.parse(nals.stream().filter(n -> n.type() == Nal.SPS).findFirst().orElseThrow());
        Pps pps = Pps.parse(nals.stream().filter(n -> n.type() == Nal.PPS).findFirst().orElseThrow(),
                sps.chromaFormatIdc());
        assertThat(pps.cabac()).isTrue();
        int mbs = sps.picSizeInMbs();
        Set<Integer> qps = new TreeSet<>();
        for (Nal nal : nals) {
            if (nal.type() != Nal.SLICE) {
                continue;
            }
            SliceHeaderReader x264 = SliceHeaderReader.parse(nal, sps, pps);
            byte[] theirs = x264.cabacData();
            if (!x264.isP() || CabacSkipDecoder.decode(theirs, x264.sliceQp(), x264.cabacInitIdc(), mbs)
                    .macroblocks() != mbs) {
                continue;
            }
            byte[] ours = CabacSkipData.of(mbs, x264.sliceQp(), x264.cabacInitIdc());
            assertThat(ours).as("%s, SliceQPY %d", what, x264.sliceQp()).hasSameSizeAs(theirs);
            int last = ours.length - 1;
            assertThat(Arrays.copyOf(ours, last)).as("%s, SliceQPY %d: all bytes but the last", what, x264.sliceQp())
                    .isEqualTo(Arrays.copyOf(theirs, last));
            assertThat(Integer.bitCount((ours[last] ^ theirs[last]) & 0xff)).as("%s, SliceQPY %d: last byte %02x vs "
                    + "x264's %02x", what, x264.sliceQp(), ours[last], theirs[last]).isLessThanOrEqualTo(1);
            qps.add(x264.sliceQp());
        }
        assertThat(qps).as("%s has converged all-skip P slices", what).isNotEmpty();
        return qps;
    }
}
