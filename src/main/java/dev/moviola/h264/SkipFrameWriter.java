package dev.moviola.h264;

/**
 * Writes the NAL unit of a reference P frame whose every macroblock is P_Skip (study §1, §2.2), for the SPS/PPS of an
 * x264 run. Decoded, it is a sample-exact copy of the previous reference frame: P_Skip with unavailable or skipped
 * zero-motion neighbours predicts mv 0 from refIdx 0 (8.4.1.1), and one active reference with default weights copies
 * it unchanged (8.4.2.3).
 *
 * <p>Why a reference frame ({@code nal_ref_idc 2}, sliding window): with x264's POC type 2, two non-reference frames
 * in a row are forbidden (7.4.2.1.1); with POC type 0, only reference frames move prevPicOrderCnt, so non-reference
 * frames break the POC after MaxPicOrderCntLsb/2 (8.2.1.1).
 */
final class SkipFrameWriter {
    /** SliceQPY of every generated slice: the QP at which Allegro's fixed CABAC states are valid (study §1.4). */
    static final int SLICE_QP = 26;
    static final int CABAC_INIT_IDC = 0;
    /** MaxFS of level 6.2 (Table A-1), the largest picture any H.264 level allows: 8192x4320. */
    static final int MAX_PIC_SIZE_IN_MBS = 139_264;
    /** forbidden_zero_bit 0, nal_ref_idc 2, nal_unit_type 1 (non-IDR slice). */
    private static final int NAL_HEADER = 0x41;

    private final Sps sps;
    private final Pps pps;
    private final int mbs;
    private final byte[] cabacData;

    SkipFrameWriter(Sps sps, Pps pps) throws UnsupportedStreamException {
        check(sps, pps);
        this.sps = sps;
        this.pps = pps;
        this.mbs = sps.picSizeInMbs();
        this.cabacData = pps.cabac() ? CabacSkipData.of(mbs, SLICE_QP, CABAC_INIT_IDC) : null;
    }

    /** Refuses what the study does not cover, naming the field, so that the caller encodes with x264 instead. */
    static void check(Sps sps, Pps pps) throws UnsupportedStreamException {
        if (!sps.frameMbsOnly()) {
            throw new UnsupportedStreamException("SPS frame_mbs_only_flag 0 (interlaced or field coding) is not supported");
        }
        if (sps.separateColourPlane()) {
            throw new UnsupportedStreamException("SPS separate_colour_plane_flag 1 (chroma_format_idc 3 coded as "
                    + "separate planes) is not supported");
        }
        if (sps.picOrderCntType() == 1) {
            throw new UnsupportedStreamException("SPS pic_order_cnt_type 1 is not supported (only 0 and 2)");
        }
        if (sps.picOrderCntType() > 2) {
            throw new UnsupportedStreamException("SPS pic_order_cnt_type " + sps.picOrderCntType() + " is invalid");
        }
        long mbs = (long) sps.picWidthInMbs() * sps.picHeightInMapUnits();
        if (mbs > MAX_PIC_SIZE_IN_MBS) {
            throw new UnsupportedStreamException("SPS picture of " + sps.picWidthInMbs() + "x"
                    + sps.picHeightInMapUnits() + " macroblocks exceeds the " + MAX_PIC_SIZE_IN_MBS + " of level 6.2");
        }
        if (sps.log2MaxFrameNum() > 16 || sps.log2MaxPicOrderCntLsb() > 16) {
            throw new UnsupportedStreamException("SPS log2_max_frame_num_minus4 " + (sps.log2MaxFrameNum() - 4)
                    + " or log2_max_pic_order_cnt_lsb_minus4 " + (sps.log2MaxPicOrderCntLsb() - 4)
                    + " is out of range (at most 12)");
        }
        if (sps.maxNumRefFrames() < 1) {
            throw new UnsupportedStreamException("SPS max_num_ref_frames 0: a P frame has nothing to refer to");
        }
        if (pps.spsId() != sps.spsId()) {
            throw new UnsupportedStreamException("PPS seq_parameter_set_id " + pps.spsId() + " does not match the SPS "
                    + sps.spsId());
        }
        if (pps.numSliceGroups() > 1) {
            throw new UnsupportedStreamException("PPS num_slice_groups_minus1 " + (pps.numSliceGroups() - 1)
                    + " (FMO) is not supported");
        }
        if (pps.redundantPicCntPresent()) {
            throw new UnsupportedStreamException("PPS redundant_pic_cnt_present_flag 1 is not supported");
        }
    }

    int picSizeInMbs() {
        return mbs;
    }

    /**
     * The NAL unit (header byte and escaped payload, no start code) of the {@code k}-th frame after an IDR, k >= 1:
     * frame_num k mod MaxFrameNum and, with POC type 0, pic_order_cnt_lsb 2k mod MaxPicOrderCntLsb (x264 counts POC
     * in steps of 2 from the IDR).
     */
    byte[] frame(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        BitWriter h = new BitWriter();
        h.u(8, NAL_HEADER);
        h.ue(0); // first_mb_in_slice
        h.ue(5); // slice_type P, all slices of the picture P
        h.ue(pps.ppsId());
        h.u(sps.log2MaxFrameNum(), k & ((1L << sps.log2MaxFrameNum()) - 1));
        if (sps.picOrderCntType() == 0) {
            h.u(sps.log2MaxPicOrderCntLsb(), (2 * k) & ((1L << sps.log2MaxPicOrderCntLsb()) - 1));
            if (pps.bottomFieldPicOrderInFramePresent()) {
                h.se(0); // delta_pic_order_cnt_bottom
            }
        }
        h.u(1, 1); // num_ref_idx_active_override_flag: exactly one active reference, whatever the PPS default
        h.ue(0); // num_ref_idx_l0_active_minus1
        h.u(1, 0); // ref_pic_list_modification_flag_l0: RefPicList0[0] is the previous frame
        if (pps.weightedPred()) { // pred_weight_table(): default weights 2^denom, offsets 0 (7.4.3.2)
            h.ue(0); // luma_log2_weight_denom
            if (sps.chromaArrayType() != 0) {
                h.ue(0); // chroma_log2_weight_denom
            }
            h.u(1, 0); // luma_weight_l0_flag[0]
            if (sps.chromaArrayType() != 0) {
                h.u(1, 0); // chroma_weight_l0_flag[0]
            }
        }
        h.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
        if (pps.cabac()) {
            h.ue(CABAC_INIT_IDC);
        }
        h.se(SLICE_QP - pps.picInitQp()); // slice_qp_delta
        if (pps.deblockingFilterControlPresent()) {
            h.ue(1); // disable_deblocking_filter_idc (bS is 0 anyway between zero-motion skip blocks)
        }
        if (pps.cabac()) {
            h.alignWith(1); // cabac_alignment_one_bit
            h.bytes(cabacData); // ends with the rbsp_stop_one_bit and alignment zero bits
        } else {
            h.ue(mbs); // mb_skip_run covers the whole picture, so more_rbsp_data() is false right after it
            h.trailingBits();
        }
        return Nal.escape(h.toByteArray());
    }
}
