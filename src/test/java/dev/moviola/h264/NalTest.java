package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NAL splitting, emulation prevention (7.4.1) and the Exp-Golomb bit syntax round trip. */
class NalTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void escapingRoundTripsAndLeavesNoStartCodePrefix() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] rbsp = new byte[2 + random.nextInt(40)];
            for (int j = 0; j < rbsp.length; j++) {
                rbsp[j] = (byte) (random.nextInt(3) == 0 ? random.nextInt(4) : 0); // mostly 00..03
            }
            rbsp[0] = 0x41;
            rbsp[rbsp.length - 1] = (byte) 0x80; // trailing bits
            byte[] nal = Nal.escape(rbsp);
            assertThat(Nal.unescape(nal)).isEqualTo(rbsp);
            for (int j = 1; j + 2 < nal.length; j++) {
                assertThat(nal[j] == 0 && nal[j + 1] == 0 && (nal[j + 2] & 0xff) <= 2).isFalse();
            }
        }
        assertThat(HEX.formatHex(Nal.escape(HEX.parseHex("41000000000180")))).isEqualTo("410000030000030180");
        assertThat(HEX.formatHex(Nal.unescape(HEX.parseHex("410000030000030180")))).isEqualTo("41000000000180");
    }

    @Test
    void splitsThreeAndFourByteStartCodesAndDropsTrailingZeros() {
        byte[] stream = HEX.parseHex("0000000167aa00000168bb0000" + "000001" + "65cc80" + "000000");
        List<Nal> nals = Nal.split(stream);
        assertThat(nals).extracting(n -> HEX.formatHex(n.bytes())).containsExactly("67aa", "68bb", "65cc80");
        assertThat(nals).extracting(Nal::type).containsExactly(7, 8, 5);
        assertThat(nals.get(2).refIdc()).isEqualTo(3);
    }

    @Test
    void expGolombRoundTrips() {
        BitWriter w = new BitWriter();
        long[] values = {0, 1, 2, 3, 7, 8, 26, 8160, 32400, 1 << 20};
        for (long v : values) {
            w.ue(v);
            w.se(v);
            w.se(-v);
        }
        w.trailingBits();
        BitReader r = new BitReader(w.toByteArray(), 0);
        for (long v : values) {
            assertThat(r.ue()).isEqualTo(v);
            assertThat(r.se()).isEqualTo(v);
            assertThat(r.se()).isEqualTo(-v);
        }
        assertThat(r.moreRbspData()).isFalse();
    }
}
