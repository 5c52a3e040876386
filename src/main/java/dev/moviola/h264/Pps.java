package dev.moviola.h264;

/**
 * The fields of a picture parameter set (7.3.2.2) that the slice header of a skip frame depends on, including the
 * High-profile tail (transform_8x8_mode_flag, scaling matrices, second_chroma_qp_index_offset).
 */
record Pps(int ppsId, int spsId, boolean cabac, boolean bottomFieldPicOrderInFramePresent, int numSliceGroups,
        int numRefIdxL0DefaultActive, boolean weightedPred, int weightedBipredIdc, int picInitQp,
        int chromaQpIndexOffset, boolean deblockingFilterControlPresent, boolean constrainedIntraPred,
        boolean redundantPicCntPresent, boolean transform8x8Mode) {

    static int spsIdOf(Nal nal) {
        BitReader r = new BitReader(nal.rbsp(), 1);
        r.ue();
        return r.ue();
    }

    /** @param chromaFormatIdc of the SPS the PPS refers to (the number of 8x8 scaling lists depends on it) */
    static Pps parse(Nal nal, int chromaFormatIdc) {
        if (nal.type() != Nal.PPS) {
            throw new IllegalArgumentException("not a PPS: nal_unit_type " + nal.type());
        }
        BitReader r = new BitReader(nal.rbsp(), 1);
        int id = r.ue();
        int spsId = r.ue();
        boolean cabac = r.flag();
        boolean bottomPoc = r.flag();
        int sliceGroups = r.ue() + 1;
        if (sliceGroups > 1) {
            // slice group maps are not parsed: the writer refuses such streams anyway
            return new Pps(id, spsId, cabac, bottomPoc, sliceGroups, 0, false, 0, 0, 0, false, false, false, false);
        }
        int l0 = r.ue() + 1;
        r.ue(); // num_ref_idx_l1_default_active_minus1
        boolean weighted = r.flag();
        int bipred = (int) r.u(2);
        int qp = 26 + r.se();
        r.se(); // pic_init_qs_minus26
        int chromaQp = r.se();
        boolean deblock = r.flag();
        boolean constrainedIntra = r.flag();
        boolean redundant = r.flag();
        boolean t8x8 = false;
        if (r.moreRbspData()) {
            t8x8 = r.flag();
            if (r.flag()) { // pic_scaling_matrix_present_flag
                int lists = 6 + (chromaFormatIdc != 3 ? 2 : 6) * (t8x8 ? 1 : 0);
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        Sps.skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
            r.se(); // second_chroma_qp_index_offset
        }
        return new Pps(id, spsId, cabac, bottomPoc, sliceGroups, l0, weighted, bipred, qp, chromaQp, deblock,
                constrainedIntra, redundant, t8x8);
    }
}
