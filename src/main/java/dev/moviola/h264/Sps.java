package dev.moviola.h264;

import java.util.Set;

/**
 * The fields of a sequence parameter set (7.3.2.1.1, VUI of E.1.1 up to bitstream_restriction) that decide how a
 * skip slice is written and how many frames a decoder holds back.
 *
 * @param maxNumReorderFrames VUI max_num_reorder_frames, or -1 when the SPS has no bitstream_restriction
 */
record Sps(int profileIdc, int spsId, int chromaFormatIdc, boolean separateColourPlane, int log2MaxFrameNum,
        int picOrderCntType, int log2MaxPicOrderCntLsb, int maxNumRefFrames, int picWidthInMbs,
        int picHeightInMapUnits, boolean frameMbsOnly, int maxNumReorderFrames) {

    /** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    /** ChromaArrayType (7.4.2.1.1): 0 for monochrome or separately coded colour planes. */
    int chromaArrayType() {
        return separateColourPlane ? 0 : chromaFormatIdc;
    }

    /** PicSizeInMbs of a frame; only meaningful with frame_mbs_only_flag 1 (checked by the writer). */
    int picSizeInMbs() {
        return picWidthInMbs * picHeightInMapUnits * (frameMbsOnly ? 1 : 2);
    }

    static Sps parse(Nal nal) {
        if (nal.type() != Nal.SPS) {
            throw new IllegalArgumentException("not an SPS: nal_unit_type " + nal.type());
        }
        BitReader r = new BitReader(nal.rbsp(), 1);
        int profile = (int) r.u(8);
        r.u(8); // constraint_set flags + reserved_zero_2bits
        r.u(8); // level_idc
        int id = r.ue();
        int chroma = 1;
        boolean separate = false;
        if (HIGH_PROFILES.contains(profile)) {
            chroma = r.ue();
            if (chroma == 3) {
                separate = r.flag();
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.flag(); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chroma != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        int log2MaxFrameNum = r.ue() + 4;
        int pocType = r.ue();
        int log2MaxPocLsb = 0;
        if (pocType == 0) {
            log2MaxPocLsb = r.ue() + 4;
        } else if (pocType == 1) {
            r.flag(); // delta_pic_order_always_zero_flag
            r.se();
            r.se();
            int n = r.ue();
            for (int i = 0; i < n; i++) {
                r.se();
            }
        }
        int maxRefs = r.ue();
        r.flag(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue() + 1;
        int heightMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.flag(); // mb_adaptive_frame_field_flag
        }
        r.flag(); // direct_8x8_inference_flag
        if (r.flag()) { // frame_cropping_flag
            r.ue();
            r.ue();
            r.ue();
            r.ue();
        }
        int reorder = r.flag() ? vuiReorderFrames(r) : -1;
        return new Sps(profile, id, chroma, separate, log2MaxFrameNum, pocType, log2MaxPocLsb, maxRefs, widthMbs,
                heightMapUnits, frameMbsOnly, reorder);
    }

    /** Reads vui_parameters() (E.1.1) and returns max_num_reorder_frames, or -1 without bitstream_restriction. */
    private static int vuiReorderFrames(BitReader r) {
        if (r.flag()) { // aspect_ratio_info_present_flag
            if (r.u(8) == 255) { // Extended_SAR
                r.u(16);
                r.u(16);
            }
        }
        if (r.flag()) { // overscan_info_present_flag
            r.flag();
        }
        if (r.flag()) { // video_signal_type_present_flag
            r.u(3);
            r.flag();
            if (r.flag()) { // colour_description_present_flag
                r.u(24);
            }
        }
        if (r.flag()) { // chroma_loc_info_present_flag
            r.ue();
            r.ue();
        }
        if (r.flag()) { // timing_info_present_flag
            r.u(32);
            r.u(32);
            r.flag();
        }
        boolean nalHrd = r.flag();
        if (nalHrd) {
            skipHrd(r);
        }
        boolean vclHrd = r.flag();
        if (vclHrd) {
            skipHrd(r);
        }
        if (nalHrd || vclHrd) {
            r.flag(); // low_delay_hrd_flag
        }
        r.flag(); // pic_struct_present_flag
        if (!r.flag()) { // bitstream_restriction_flag
            return -1;
        }
        r.flag(); // motion_vectors_over_pic_boundaries_flag
        r.ue(); // max_bytes_per_pic_denom
        r.ue(); // max_bits_per_mb_denom
        r.ue(); // log2_max_mv_length_horizontal
        r.ue(); // log2_max_mv_length_vertical
        int reorder = r.ue();
        r.ue(); // max_dec_frame_buffering
        return reorder;
    }

    private static void skipHrd(BitReader r) {
        int cpbCnt = r.ue() + 1;
        r.u(4);
        r.u(4);
        for (int i = 0; i < cpbCnt; i++) {
            r.ue();
            r.ue();
            r.flag();
        }
        r.u(20); // four 5-bit delay/offset lengths
    }

    /** scaling_list() (7.3.2.1.1.1): only its length matters here. */
    static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }
}
