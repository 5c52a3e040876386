package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams the writer does not write for are refused with the field's name, so the caller falls back to x264. */
class UnsupportedStreamTest {
    @TempDir
    Path dir;

    @Test
    void interlacedX264IsRefused() {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 1, "-flags", "+ildct+ilme");
        assertThatThrownBy(() -> StillStream.of(x264, 10, 250)).isInstanceOf(UnsupportedStreamException.class)
                .hasMessageContaining("frame_mbs_only_flag 0");
    }

    @Test
    void multiSliceX264IsRefused() {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 3, "-x264-params", "slices=2");
        assertThatThrownBy(() -> StillStream.of(x264, 10, 250)).isInstanceOf(UnsupportedStreamException.class)
                .hasMessageContaining("more than one slice").hasMessageContaining("first_mb_in_slice");
    }

    @Test
    void aStreamWithoutIdrIsRefused() {
        byte[] x264 = X264Runs.encode(dir, "ultrafast", 23, 320, 180, 3);
        List<Nal> nals = Nal.split(x264);
        ByteArrayOutputStream noIdr = new ByteArrayOutputStream();
        for (Nal n : nals) {
            if (n.type() != Nal.IDR) {
                noIdr.writeBytes(new byte[] {0, 0, 0, 1});
                noIdr.writeBytes(n.bytes());
            }
        }
        assertThatThrownBy(() -> StillStream.of(noIdr.toByteArray(), 10, 250))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("nal_unit_type 1");
        assertThatThrownBy(() -> StillStream.of(new byte[] {0, 0, 1, 0x09, 0x10}, 10, 250))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("nal_unit_type 5");
    }

    @Test
    void parameterSetsOutsideTheStudyAreRefused() throws Exception {
        Sps sps = Sps.parse(new Nal(baselineSps(0)));
        Pps pps = Pps.parse(new Nal(pps(false, 0)), 1);
        new SkipFrameWriter(sps, pps); // the plain case is accepted
        assertThatThrownBy(() -> new SkipFrameWriter(Sps.parse(new Nal(baselineSps(1))), pps))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("pic_order_cnt_type 1");
        assertThatThrownBy(() -> new SkipFrameWriter(sps, Pps.parse(new Nal(pps(true, 0)), 1)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("redundant_pic_cnt_present_flag 1");
        assertThatThrownBy(() -> new SkipFrameWriter(sps, Pps.parse(new Nal(pps(false, 1)), 1)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("num_slice_groups_minus1 1");
    }

    /** A Baseline SPS, 320x176, with the given pic_order_cnt_type (0 with 6-bit lsb, or 1 with no cycle). */
    private static byte[] baselineSps(int pocType) {
        BitWriter w = new BitWriter();
        w.u(8, 0x67);
        w.u(8, 66);
        w.u(8, 0);
        w.u(8, 30);
        w.ue(0); // seq_parameter_set_id
        w.ue(0); // log2_max_frame_num_minus4
        w.ue(pocType);
        if (pocType == 0) {
            w.ue(2);
        } else {
            w.u(1, 0);
            w.se(0);
            w.se(0);
            w.ue(0);
        }
        w.ue(1); // max_num_ref_frames
        w.u(1, 0);
        w.ue(19);
        w.ue(10);
        w.u(1, 1); // frame_mbs_only_flag
        w.u(1, 1);
        w.u(1, 0);
        w.u(1, 0); // no VUI
        w.trailingBits();
        return Nal.escape(w.toByteArray());
    }

    private static byte[] pps(boolean redundant, int sliceGroupsMinus1) {
        BitWriter w = new BitWriter();
        w.u(8, 0x68);
        w.ue(0);
        w.ue(0);
        w.u(1, 0); // CAVLC
        w.u(1, 0);
        w.ue(sliceGroupsMinus1);
        if (sliceGroupsMinus1 > 0) {
            w.ue(0); // slice_group_map_type 0
            for (int i = 0; i <= sliceGroupsMinus1; i++) {
                w.ue(0);
            }
        }
        w.ue(0);
        w.ue(0);
        w.u(1, 0);
        w.u(2, 0);
        w.se(0);
        w.se(0);
        w.se(0);
        w.u(1, 1);
        w.u(1, 0);
        w.u(1, redundant ? 1 : 0);
        w.trailingBits();
        return Nal.escape(w.toByteArray());
    }
}
