package dev.moviola.h264;

import java.util.Arrays;

/** Writes the RBSP bit syntax of H.264 (7.2): fixed-length u(n), Exp-Golomb ue(v)/se(v), alignment, trailing bits. */
final class BitWriter {
    private byte[] buf = new byte[64];
    private int len;
    private int cur;
    private int nbits;

    void bit(int b) {
        cur = (cur << 1) | (b & 1);
        if (++nbits == 8) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) cur;
            cur = 0;
            nbits = 0;
        }
    }

    void u(int n, long value) {
        for (int i = n - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
    }

    void ue(long value) {
        long x = value + 1;
        int n = 64 - Long.numberOfLeadingZeros(x);
        u(n - 1, 0);
        u(n, x);
    }

    void se(long value) {
        ue(value <= 0 ? -2 * value : 2 * value - 1);
    }

    boolean aligned() {
        return nbits == 0;
    }

    /** Pads to the byte boundary with the given bit (1 for cabac_alignment_one_bit, 0 for alignment zero bits). */
    void alignWith(int b) {
        while (nbits != 0) {
            bit(b);
        }
    }

    /** rbsp_trailing_bits(): the stop bit, then zero bits to the byte boundary. */
    void trailingBits() {
        bit(1);
        alignWith(0);
    }

    void bytes(byte[] b) {
        if (!aligned()) {
            throw new IllegalStateException("not byte-aligned");
        }
        for (byte x : b) {
            u(8, x & 0xff);
        }
    }

    byte[] toByteArray() {
        if (!aligned()) {
            throw new IllegalStateException("not byte-aligned: " + nbits + " bits pending");
        }
        return Arrays.copyOf(buf, len);
    }
}
