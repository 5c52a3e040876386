package dev.moviola.testing;

import java.awt.image.BufferedImage;
import java.util.Locale;

/** Colour checks on decoded frames, with the tolerance that lossy video needs. */
public final class Pixels {
    public static final int TOLERANCE = 24;

    private Pixels() {
    }

    public static int[] rgb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF};
    }

    public static boolean near(BufferedImage img, int x, int y, int r, int g, int b) {
        int[] c = rgb(img, x, y);
        return Math.abs(c[0] - r) <= TOLERANCE && Math.abs(c[1] - g) <= TOLERANCE && Math.abs(c[2] - b) <= TOLERANCE;
    }

    public static String describe(BufferedImage img, int x, int y) {
        int[] c = rgb(img, x, y);
        return String.format(Locale.ROOT, "(%d,%d)=rgb(%d,%d,%d)", x, y, c[0], c[1], c[2]);
    }

    /** Mean luma (0-255) of a rectangle. */
    public static double luma(BufferedImage img, int x, int y, int w, int h) {
        double sum = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int[] c = rgb(img, i, j);
                sum += 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            }
        }
        return sum / (w * h);
    }

    /** Number of pixels in a rectangle that differ from {@code rgb} by more than the tolerance. */
    public static int countDifferent(BufferedImage img, int x, int y, int w, int h, int r, int g, int b) {
        int n = 0;
        for (int j = Math.max(0, y); j < Math.min(img.getHeight(), y + h); j++) {
            for (int i = Math.max(0, x); i < Math.min(img.getWidth(), x + w); i++) {
                if (!near(img, i, j, r, g, b)) {
                    n++;
                }
            }
        }
        return n;
    }
}
