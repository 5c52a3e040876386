package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden bytes of the generated frames (study §5.1), with parameter sets taken from real x264 runs
 * (ffmpeg 5.1 / libx264 core 164, the renderer's flags, 1920x1080).
 */
class SkipFrameGoldenTest {
    private static final HexFormat HEX = HexFormat.of();
    /**
     * ultrafast, -profile:v high, CRF 23, 1920x1080: x264 still writes Constrained Baseline (profile_idc 66) here;
     * CAVLC, POC type 2, log2_max_frame_num 4, pic_init_qp 23.
     */
    static final String SPS_ULTRAFAST_1080 = "6742c028da01e0089f97016a02020280000003008000001e078c1950";
    static final String PPS_ULTRAFAST_CRF23 = "68ce0fc8";
    /** veryfast, CRF 23, 1920x1080: CABAC, POC type 0 (lsb 6 bits), weighted_pred_flag 1. */
    static final String SPS_VERYFAST_1080 = "67640028acd940780227e5c05a808080a0000003002000000781e30632c0";
    static final String PPS_VERYFAST_CRF23 = "68ef8fcb";

    private static SkipFrameWriter writer(String sps, String pps) throws UnsupportedStreamException {
        Sps s = Sps.parse(new Nal(HEX.parseHex(sps)));
        return new SkipFrameWriter(s, Pps.parse(new Nal(HEX.parseHex(pps)), s.chromaFormatIdc()));
    }

    @Test
    void cavlc1080pFrameIsTheEightByteSkipRun() throws Exception {
        SkipFrameWriter w = writer(SPS_ULTRAFAST_1080, PPS_ULTRAFAST_CRF23);
        assertThat(w.picSizeInMbs()).isEqualTo(8160);
        assertThat(HEX.formatHex(w.frame(1))).isEqualTo("419a3864001fe180");
        // frame_num is 4 bits: frame 16 has frame_num 0 again, frame 17 the same bytes as frame 1
        assertThat(w.frame(17)).isEqualTo(w.frame(1));
        assertThat(w.frame(16)).isNotEqualTo(w.frame(1)).hasSize(8);
    }

    @Test
    void cabac1080pFrameIsHeaderThenCachedData() throws Exception {
        SkipFrameWriter w = writer(SPS_VERYFAST_1080, PPS_VERYFAST_CRF23);
        byte[] frame = w.frame(1);
        byte[] rbsp = Nal.unescape(frame);
        byte[] data = CabacSkipData.of(8160, 26, 0);
        // 42 header bits plus six alignment one-bits: 6 bytes before the data (study §2.2)
        assertThat(rbsp).hasSize(6 + data.length);
        assertThat(java.util.Arrays.copyOfRange(rbsp, 6, rbsp.length)).isEqualTo(data);
        // 65 bytes, 19 of them emulation prevention (study §1.1)
        assertThat(HEX.formatHex(frame)).isEqualTo("419a216c4cbf" + "000003".repeat(19) + "0117");
        assertNoStartCodeEmulation(frame);
        // frame_num is 4 bits, POC lsb 6 bits counting 2 per frame: frame 17 has frame 1's frame_num but POC lsb 34,
        // frame 33 repeats frame 1 exactly
        assertThat(w.frame(17)).isNotEqualTo(w.frame(1));
        assertThat(w.frame(33)).isEqualTo(w.frame(1));
    }

    @ParameterizedTest(name = "{0} MBs, SliceQPY {1}, cabac_init_idc {2}")
    @CsvSource({
        "8160, 26, 0, 24a44c8306d1ce19691d93133e66222427832c6292fd228cdfcfad751defc45e",
        "8160, 26, 1, 92494354e9247a9abafc968ff7ac6658a0ab4d2947cf021aa41d5f6fe0e8e178",
        "8160, 26, 2, 8491600ead0f9baea049947117a4b20f870f903d2a535ddb7e63864a76498854",
        "8160, 40, 0, fc7bd4a42854775674564d8300e00363193aafca205e9a4e365a21b471c723f7",
        "8160, 40, 1, 4b85dfbdb186f2e9bb06e4f1ee8c77b6067722260d0aa254022adbb8d17e4c9c",
        "8160, 40, 2, 1b6a98691b933f911a409124c225c773e0943413bb5b8a4aae5575ef38b98c3e",
        "1, 26, 0, 464837051fc3c3de1fd4997c565eedf5a335492381f162bc4fb9c7bb582ee47f",
        "99, 26, 0, de0b0dd505955f44660b4fa60f9ade0cf922a8524e67b9df2d6836983eac2b96",
        "32400, 26, 0, ec42958acf83b44c86f99027c0e5b8918e7e0a45a875b4e23b48830102608fc4",
    })
    void cabacDataIsPinnedAndDecodesAsAllSkip(int mbs, int qp, int idc, String sha256) {
        byte[] data = CabacSkipData.of(mbs, qp, idc);
        assertThat(sha256(data)).isEqualTo(sha256);
        CabacSkipDecoder.Decoded d = CabacSkipDecoder.decode(data, qp, idc, mbs + 1);
        assertThat(d.macroblocks()).as("end_of_slice_flag 1 exactly at the last macroblock").isEqualTo(mbs);
        assertThat(d.skipped()).isEqualTo(mbs);
        // the decoder's last bit is the rbsp_stop_one_bit; only alignment zero bits follow it
        int stopBit = lastOneBit(data);
        assertThat(d.bitsRead()).isEqualTo(stopBit + 1);
        assertThat(data.length).isEqualTo((stopBit + 8) / 8);
    }

    @Test
    void cabacDataDependsOnlyOnTheInitialContextState() {
        // (SliceQPY, cabac_init_idc) pairs with the same preCtxState of ctxIdx 11 give the same bytes (study §1.5)
        java.util.Map<Integer, byte[]> byState = new java.util.HashMap<>();
        int[][] mn = {{23, 33}, {22, 25}, {29, 16}};
        int shared = 0;
        for (int idc = 0; idc < 3; idc++) {
            for (int qp = 0; qp <= 51; qp++) {
                int pre = Math.max(1, Math.min(126, ((mn[idc][0] * qp) >> 4) + mn[idc][1]));
                byte[] data = CabacSkipData.of(99, qp, idc);
                byte[] seen = byState.putIfAbsent(pre, data);
                if (seen != null) {
                    assertThat(data).as("QP %d idc %d", qp, idc).isEqualTo(seen);
                    shared++;
                }
            }
        }
        assertThat(shared).isPositive();
        assertThat(CabacSkipData.of(8160, 26, 0)).isSameAs(CabacSkipData.of(8160, 26, 0));
        // SliceQPY is clipped to 0..51 for context initialisation (9.3.1.1)
        assertThat(CabacSkipData.of(99, 60, 0)).isEqualTo(CabacSkipData.of(99, 51, 0));
    }

    static void assertNoStartCodeEmulation(byte[] nal) {
        for (int i = 0; i + 2 < nal.length; i++) {
            boolean emulation = nal[i] == 0 && nal[i + 1] == 0 && (nal[i + 2] & 0xff) <= 2;
            assertThat(emulation).as("00 00 0x at %d of %s", i, HEX.formatHex(nal)).isFalse();
        }
    }

    private static int lastOneBit(byte[] data) {
        int i = data.length - 1;
        while (data[i] == 0) {
            i--;
        }
        return i * 8 + 7 - Integer.numberOfTrailingZeros(data[i] & 0xff);
    }

    static String sha256(byte[] b) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
