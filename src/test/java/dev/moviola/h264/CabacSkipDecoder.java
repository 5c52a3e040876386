package dev.moviola.h264;

/**
 * Test side: an independent CABAC decoder (9.3.1.2, 9.3.3.2) for all-skip P slice data, to check what the writer
 * produces without trusting FFmpeg, which ends a slice at the last macroblock even without end_of_slice_flag.
 */
final class CabacSkipDecoder {
    private static final int[][] MN11 = {{23, 33}, {22, 25}, {29, 16}};
    private static final int[][] RANGE_LPS = {
        {128, 176, 208, 240}, {128, 167, 197, 227}, {128, 158, 187, 216}, {123, 150, 178, 205},
        {116, 142, 169, 195}, {111, 135, 160, 185}, {105, 128, 152, 175}, {100, 122, 144, 166},
        {95, 116, 137, 158}, {90, 110, 130, 150}, {85, 104, 123, 142}, {81, 99, 117, 135},
        {77, 94, 111, 128}, {73, 89, 105, 122}, {69, 85, 100, 116}, {66, 80, 95, 110},
        {62, 76, 90, 104}, {59, 72, 86, 99}, {56, 69, 81, 94}, {53, 65, 77, 89},
        {51, 62, 73, 85}, {48, 59, 69, 80}, {46, 56, 66, 76}, {43, 53, 63, 72},
        {41, 50, 59, 69}, {39, 48, 56, 65}, {37, 45, 54, 62}, {35, 43, 51, 59},
        {33, 41, 48, 56}, {32, 39, 46, 53}, {30, 37, 43, 50}, {29, 35, 41, 48},
        {27, 33, 39, 45}, {26, 31, 37, 43}, {24, 30, 35, 41}, {23, 28, 33, 39},
        {22, 27, 32, 37}, {21, 26, 30, 35}, {20, 24, 29, 33}, {19, 23, 27, 31},
        {18, 22, 26, 30}, {17, 21, 25, 28}, {16, 20, 23, 27}, {15, 19, 22, 25},
        {14, 18, 21, 24}, {14, 17, 20, 23}, {13, 16, 19, 22}, {12, 15, 18, 21},
        {12, 14, 17, 20}, {11, 14, 16, 19}, {11, 13, 15, 18}, {10, 12, 15, 17},
        {10, 12, 14, 16}, {9, 11, 13, 15}, {9, 11, 12, 14}, {8, 10, 12, 14},
        {8, 9, 11, 13}, {7, 9, 11, 12}, {7, 9, 10, 12}, {7, 8, 10, 11},
        {6, 8, 9, 11}, {6, 7, 9, 10}, {6, 7, 8, 9}, {2, 2, 2, 2}};
    private static final int[] TRANS_LPS = {
        0, 0, 1, 2, 2, 4, 4, 5, 6, 7, 8, 9, 9, 11, 11, 12,
        13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22, 23, 24,
        24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33,
        33, 33, 34, 34, 35, 35, 35, 36, 36, 36, 37, 37, 37, 38, 38, 63};

    /** What the decoder found: macroblocks until end_of_slice_flag, how many were skipped, bits it read. */
    record Decoded(int macroblocks, int skipped, int bitsRead) {
    }

    private final byte[] data;
    private int pos;
    private int state;
    private int mps;
    private int range = 510;
    private int offset;

    private CabacSkipDecoder(byte[] data, int qp, int idc) {
        this.data = data;
        int pre = Math.max(1, Math.min(126, ((MN11[idc][0] * Math.max(0, Math.min(51, qp))) >> 4) + MN11[idc][1]));
        state = pre <= 63 ? 63 - pre : pre - 64;
        mps = pre <= 63 ? 0 : 1;
        offset = read(9);
    }

    /**
     * Decodes mb_skip_flag (ctxIdx 11) and end_of_slice_flag pairs until end_of_slice_flag is 1, stopping with
     * macroblocks = -1 if a macroblock is not skipped (its macroblock_layer would follow) or after maxMbs.
     */
    static Decoded decode(byte[] data, int qp, int idc, int maxMbs) {
        CabacSkipDecoder d = new CabacSkipDecoder(data, qp, idc);
        int skipped = 0;
        for (int mb = 1; mb <= maxMbs; mb++) {
            if (d.decision() != 1) {
                return new Decoded(-1, skipped, d.pos);
            }
            skipped++;
            if (d.terminate()) {
                return new Decoded(mb, skipped, d.pos);
            }
        }
        return new Decoded(-1, skipped, d.pos);
    }

    private int read(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int bit = pos < data.length * 8 ? (data[pos >> 3] >> (7 - (pos & 7))) & 1 : 0;
            pos++;
            v = (v << 1) | bit;
        }
        return v;
    }

    private int decision() {
        int lps = RANGE_LPS[state][(range >> 6) & 3];
        range -= lps;
        int bin;
        if (offset >= range) {
            bin = 1 - mps;
            offset -= range;
            range = lps;
            if (state == 0) {
                mps = 1 - mps;
            }
            state = TRANS_LPS[state];
        } else {
            bin = mps;
            state = Math.min(62, state + 1);
        }
        renorm();
        return bin;
    }

    private boolean terminate() {
        range -= 2;
        if (offset >= range) {
            return true;
        }
        renorm();
        return false;
    }

    private void renorm() {
        while (range < 256) {
            range <<= 1;
            offset = (offset << 1) | read(1);
        }
    }
}
