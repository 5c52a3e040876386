package dev.moviola.h264;

/** Test side: a slice_header() parser (7.3.3) for x264's slices, to find where their slice data starts. */
record SliceHeaderReader(int nalRefIdc, int sliceType, int frameNum, int pocLsb, int numRefIdxL0Active,
        int cabacInitIdc, int sliceQp, int disableDeblocking, int dataByteOffset, byte[] rbsp) {

    boolean isP() {
        return sliceType % 5 == 0;
    }

    /** Slice data bytes of a CABAC slice (after cabac_alignment_one_bit), RBSP form. */
    byte[] cabacData() {
        return java.util.Arrays.copyOfRange(rbsp, dataByteOffset, rbsp.length);
    }

    static SliceHeaderReader parse(Nal nal, Sps sps, Pps pps) {
        byte[] rbsp = nal.rbsp();
        BitReader r = new BitReader(rbsp, 1);
        boolean idr = nal.type() == Nal.IDR;
        r.ue(); // first_mb_in_slice
        int sliceType = r.ue();
        int t = sliceType % 5;
        r.ue(); // pic_parameter_set_id
        int frameNum = (int) r.u(sps.log2MaxFrameNum());
        if (idr) {
            r.ue();
        }
        int pocLsb = -1;
        if (sps.picOrderCntType() == 0) {
            pocLsb = (int) r.u(sps.log2MaxPicOrderCntLsb());
            if (pps.bottomFieldPicOrderInFramePresent()) {
                r.se();
            }
        }
        boolean b = t == 1;
        boolean pOrB = t == 0 || t == 1 || t == 3;
        if (b) {
            r.flag(); // direct_spatial_mv_pred_flag
        }
        int l0 = pps.numRefIdxL0DefaultActive();
        int l1 = 1;
        if (pOrB && r.flag()) {
            l0 = r.ue() + 1;
            if (b) {
                l1 = r.ue() + 1;
            }
        }
        if (t != 2 && t != 4) {
            skipModification(r);
            if (b) {
                skipModification(r);
            }
        }
        if ((pps.weightedPred() && (t == 0 || t == 3)) || (pps.weightedBipredIdc() == 1 && b)) {
            r.ue();
            if (sps.chromaArrayType() != 0) {
                r.ue();
            }
            skipWeights(r, l0, sps.chromaArrayType() != 0);
            if (b) {
                skipWeights(r, l1, sps.chromaArrayType() != 0);
            }
        }
        if (nal.refIdc() != 0) {
            if (idr) {
                r.flag();
                r.flag();
            } else if (r.flag()) {
                int op;
                while ((op = r.ue()) != 0) {
                    if (op == 1 || op == 3) {
                        r.ue();
                    }
                    if (op == 2) {
                        r.ue();
                    }
                    if (op == 3 || op == 6) {
                        r.ue();
                    }
                    if (op == 4) {
                        r.ue();
                    }
                }
            }
        }
        int idc = -1;
        if (pps.cabac() && t != 2 && t != 4) {
            idc = r.ue();
        }
        int qp = pps.picInitQp() + r.se();
        int deblock = 0;
        if (pps.deblockingFilterControlPresent()) {
            deblock = r.ue();
            if (deblock != 1) {
                r.se();
                r.se();
            }
        }
        int dataOffset = -1;
        if (pps.cabac()) {
            while (!r.aligned()) {
                if (r.bit() != 1) {
                    throw new AssertionError("cabac_alignment_one_bit is 0");
                }
            }
            dataOffset = r.position() / 8;
        }
        return new SliceHeaderReader(nal.refIdc(), sliceType, frameNum, pocLsb, l0, idc, qp, deblock, dataOffset, rbsp);
    }

    private static void skipModification(BitReader r) {
        if (r.flag()) {
            int idc;
            while ((idc = r.ue()) != 3) {
                r.ue();
            }
        }
    }

    private static void skipWeights(BitReader r, int refs, boolean chroma) {
        for (int i = 0; i < refs; i++) {
            if (r.flag()) {
                r.se();
                r.se();
            }
            if (chroma && r.flag()) {
                r.se();
                r.se();
                r.se();
                r.se();
            }
        }
    }
}
