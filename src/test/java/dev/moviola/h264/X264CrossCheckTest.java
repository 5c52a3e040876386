package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CABAC skip data against x264 itself (study §1.5, §5.2): x264 encodes identical frames as all-skip P slices
 * once converged; their slice data must equal ours at the same SliceQPY and cabac_init_idc, except the padding bit
 * x264 randomises in its flush.
 */
class X264CrossCheckTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"veryfast", "medium"})
    void cabacDataEqualsX264sAllSkipSlice(String preset) {
        byte[] stream = X264Runs.encode(dir, preset, 23, 320, 192, 40);
        List<Nal> nals = Nal.split(stream);
        Sps sps = Sps.parse(nals.stream().filter(n -> n.type() == Nal.SPS).findFirst().orElseThrow());
        Pps pps = Pps.parse(nals.stream().filter(n -> n.type() == Nal.PPS).findFirst().orElseThrow(),
                sps.chromaFormatIdc());
        assertThat(pps.cabac()).isTrue();
        int mbs = sps.picSizeInMbs();
        assertThat(mbs).isEqualTo(20 * 12);
        // the smallest P slice of the run; x264's own data must decode as all-skip, so it is a converged skip frame
        SliceHeaderReader x264 = nals.stream().filter(n -> n.type() == Nal.SLICE)
                .map(n -> SliceHeaderReader.parse(n, sps, pps)).filter(SliceHeaderReader::isP)
                .min(Comparator.comparingInt(h -> h.rbsp().length)).orElseThrow();
        byte[] theirs = x264.cabacData();
        CabacSkipDecoder.Decoded decoded = CabacSkipDecoder.decode(theirs, x264.sliceQp(), x264.cabacInitIdc(), mbs);
        assertThat(decoded.macroblocks()).as("x264's smallest P slice is all P_Skip").isEqualTo(mbs);

        byte[] ours = CabacSkipData.of(mbs, x264.sliceQp(), x264.cabacInitIdc());
        assertThat(ours).hasSameSizeAs(theirs);
        int last = ours.length - 1;
        assertThat(Arrays.copyOf(ours, last)).as("all bytes but the last, SliceQPY %d", x264.sliceQp())
                .isEqualTo(Arrays.copyOf(theirs, last));
        assertThat(Integer.bitCount((ours[last] ^ theirs[last]) & 0xff)).as("last byte %02x vs x264 %02x",
                ours[last], theirs[last]).isLessThanOrEqualTo(1);
    }
}
