package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged x264 output never escapes as anything but UnsupportedStreamException (the caller's signal to fall back to
 * x264), and never makes the writer run away (a corrupt SPS could claim billions of macroblocks).
 */
class StillStreamFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedFirstAccessUnitsAreWrittenOrRefused() {
        byte[] x264 = X264Runs.encode(dir, "veryfast", 23, 320, 180, 1);
        int idr = indexOfIdrSlice(x264);
        Random random = new Random(23);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] m = x264.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(Math.min(m.length, idr + 8)); // parameter sets, SEI and the slice header
                m[at] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                byte[] out = StillStream.of(m, 5, 3);
                assertThat(out).isNotEmpty();
            } catch (UnsupportedStreamException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    private static int indexOfIdrSlice(byte[] s) {
        for (int i = 0; i + 3 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1 && (s[i + 3] & 0x1f) == 5) {
                return i + 3;
            }
        }
        throw new AssertionError("no IDR slice");
    }
}
