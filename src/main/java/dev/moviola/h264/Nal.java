package dev.moviola.h264;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAL unit as it appears in the byte stream: the header byte and the escaped payload (emulation prevention bytes
 * kept), without start code. Also the Annex B splitting and the emulation prevention of 7.4.1.
 */
record Nal(byte[] bytes) {
    static final int SLICE = 1;
    static final int IDR = 5;
    static final int SEI = 6;
    static final int SPS = 7;
    static final int PPS = 8;
    static final int AUD = 9;

    int type() {
        return bytes[0] & 0x1f;
    }

    int refIdc() {
        return (bytes[0] >> 5) & 3;
    }

    boolean isVcl() {
        return type() >= 1 && type() <= 5;
    }

    /** The RBSP: payload after the header byte with emulation prevention removed (index 0 is the header byte). */
    byte[] rbsp() {
        return unescape(bytes);
    }

    /** Splits an Annex B byte stream at its 3- and 4-byte start codes; trailing zero bytes belong to the stream. */
    static List<Nal> split(byte[] s) {
        List<Nal> out = new ArrayList<>();
        int i = nextStart(s, 0);
        while (i >= 0) {
            int from = i;
            int next = nextStart(s, from);
            int end = next < 0 ? s.length : next - 3;
            while (end > from && s[end - 1] == 0) {
                end--;
            }
            if (end > from) {
                byte[] nal = new byte[end - from];
                System.arraycopy(s, from, nal, 0, nal.length);
                out.add(new Nal(nal));
            }
            i = next;
        }
        return out;
    }

    /** Index just after the next 00 00 01 at or after {@code from}, or -1. */
    private static int nextStart(byte[] s, int from) {
        for (int i = from; i + 2 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    static byte[] unescape(byte[] nal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        if (nal.length > 0) {
            out.write(nal[0]); // the header byte is never part of an emulation prevention pattern
        }
        int zeros = 0;
        for (int i = 1; i < nal.length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** Inserts emulation_prevention_three_byte after every 00 00 that precedes a byte <= 3 (the header byte is kept). */
    static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + rbsp.length / 16 + 4);
        out.write(rbsp[0]);
        int zeros = 0;
        for (int i = 1; i < rbsp.length; i++) {
            int b = rbsp[i] & 0xff;
            if (zeros >= 2 && b <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        if (zeros > 0) {
            out.write(3); // a NAL unit never ends in 00 (7.4.1); cannot happen after trailing bits, kept for safety
        }
        return out.toByteArray();
    }
}
