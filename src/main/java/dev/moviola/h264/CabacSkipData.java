package dev.moviola.h264;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CABAC slice_data() of a P slice whose every macroblock is P_Skip (study §1.3–1.5): per macroblock
 * {@code mb_skip_flag = 1} with ctxIdx 11 (both neighbours are skipped or unavailable, so ctxIdxInc is always 0) and
 * {@code end_of_slice_flag}, coded with the arithmetic encoder of 9.3.4. The bytes start at the byte boundary after
 * cabac_alignment_one_bit and end with the flush, whose last bit is the rbsp_stop_one_bit, then zero bits.
 *
 * <p>The bin string and the single context involved depend only on (PicSizeInMbs, SliceQPY, cabac_init_idc), so the
 * bytes are computed once per key and copied into every frame; frame_num, POC and the other header fields cannot
 * change them.
 */
final class CabacSkipData {
    /** (m, n) of ctxIdx 11 for cabac_init_idc 0, 1, 2 (Table 9-13). */
    private static final int[][] CTX11_MN = {{23, 33}, {22, 25}, {29, 16}};

    /** rangeTabLPS[pStateIdx][qCodIRangeIdx] (Table 9-44). */
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

    /** transIdxLPS (Table 9-45); transIdxMPS is min(pStateIdx + 1, 62). */
    private static final int[] TRANS_LPS = {
        0, 0, 1, 2, 2, 4, 4, 5, 6, 7, 8, 9, 9, 11, 11, 12,
        13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22, 23, 24,
        24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33,
        33, 33, 34, 34, 35, 35, 35, 36, 36, 36, 37, 37, 37, 38, 38, 63};

    private record Key(int mbs, int qp, int idc) {
    }

    /** A handful of keys per process (one per frame size and QP in use), each at most a few hundred bytes. */
    private static final Map<Key, byte[]> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 64;

    private CabacSkipData() {
    }

    /** The slice data bytes (RBSP, not escaped) for {@code mbs} skipped macroblocks; shared, do not modify. */
    static byte[] of(int mbs, int sliceQp, int cabacInitIdc) {
        if (mbs < 1 || cabacInitIdc < 0 || cabacInitIdc > 2) {
            throw new IllegalArgumentException("mbs " + mbs + ", cabac_init_idc " + cabacInitIdc);
        }
        if (CACHE.size() > MAX_CACHED) {
            CACHE.clear(); // only damaged or unusual input gets here; the keys in use come back at once
        }
        return CACHE.computeIfAbsent(new Key(mbs, sliceQp, cabacInitIdc), k -> encode(k.mbs, k.qp, k.idc));
    }

    private static byte[] encode(int mbs, int sliceQp, int idc) {
        int m = CTX11_MN[idc][0];
        int n = CTX11_MN[idc][1];
        int pre = clip3(1, 126, ((m * clip3(0, 51, sliceQp)) >> 4) + n); // 9.3.1.1
        Engine e = new Engine(pre <= 63 ? 63 - pre : pre - 64, pre <= 63 ? 0 : 1);
        for (int i = 0; i < mbs; i++) {
            e.decision(1);
            e.terminate(i == mbs - 1);
        }
        e.out.alignWith(0);
        return e.out.toByteArray();
    }

    private static int clip3(int lo, int hi, int v) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The arithmetic encoder of 9.3.4 with one context. */
    private static final class Engine {
        final BitWriter out = new BitWriter();
        int state;
        int mps;
        int low;
        int range = 510;
        boolean firstBit = true;
        int outstanding;

        Engine(int state, int mps) {
            this.state = state;
            this.mps = mps;
        }

        void decision(int bin) { // 9.3.4.2
            int lps = RANGE_LPS[state][(range >> 6) & 3];
            range -= lps;
            if (bin != mps) {
                low += range;
                range = lps;
                if (state == 0) {
                    mps = 1 - mps;
                }
                state = TRANS_LPS[state];
            } else {
                state = Math.min(state + 1, 62);
            }
            renorm();
        }

        void terminate(boolean last) { // 9.3.4.5
            range -= 2;
            if (!last) {
                renorm();
                return;
            }
            low += range;
            range = 2; // EncodeFlush
            renorm();
            putBit((low >> 9) & 1);
            out.u(2, ((low >> 7) & 3) | 1); // its last bit is the rbsp_stop_one_bit
        }

        private void renorm() { // 9.3.4.3, Figure 9-8
            while (range < 256) {
                if (low < 256) {
                    putBit(0);
                } else if (low >= 512) {
                    low -= 512;
                    putBit(1);
                } else {
                    low -= 256;
                    outstanding++;
                }
                range <<= 1;
                low <<= 1;
            }
        }

        private void putBit(int b) { // Figure 9-9
            if (firstBit) {
                firstBit = false;
            } else {
                out.bit(b);
            }
            while (outstanding > 0) {
                out.bit(1 - b);
                outstanding--;
            }
        }
    }
}
