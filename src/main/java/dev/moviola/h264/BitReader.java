package dev.moviola.h264;

/** Reads the RBSP bit syntax of H.264 (7.2) from bytes whose emulation prevention has already been removed. */
final class BitReader {
    private final byte[] rbsp;
    private int pos;

    BitReader(byte[] rbsp, int startByte) {
        this.rbsp = rbsp;
        this.pos = startByte * 8;
    }

    int bit() {
        if (pos >= rbsp.length * 8) {
            throw new IllegalArgumentException("truncated NAL unit: read past its " + rbsp.length + " bytes");
        }
        int b = (rbsp[pos >> 3] >> (7 - (pos & 7))) & 1;
        pos++;
        return b;
    }

    boolean flag() {
        return bit() == 1;
    }

    long u(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    int ue() {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 31) {
                throw new IllegalArgumentException("malformed Exp-Golomb code at bit " + pos);
            }
        }
        long v = (1L << zeros) - 1 + u(zeros);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Exp-Golomb value too large at bit " + pos);
        }
        return (int) v;
    }

    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    int position() {
        return pos;
    }

    boolean aligned() {
        return (pos & 7) == 0;
    }

    /** more_rbsp_data() (7.2): true while something other than the rbsp_trailing_bits remains. */
    boolean moreRbspData() {
        int last = rbsp.length - 1;
        while (last >= 0 && rbsp[last] == 0) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        int stopBit = last * 8 + 7 - Integer.numberOfTrailingZeros(rbsp[last] & 0xff);
        return pos < stopBit;
    }
}
