package dev.moviola.render.text;

import java.awt.image.BufferedImage;

/**
 * Gaussian-like blur of an ARGB picture (three box blurs), used for CSS shadow blur. Works on premultiplied
 * values so that colour does not bleed from transparent pixels.
 */
final class Blur {
    private Blur() {
    }

    /** Blurs in place; {@code radius} is the CSS blur radius in pixels (σ = radius / 2). */
    static void apply(BufferedImage img, float radius) {
        double sigma = radius / 2.0;
        if (sigma < 0.5) {
            return;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[][] ch = new float[4][w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float a = (p >>> 24) / 255f;
            ch[0][i] = a;
            ch[1][i] = ((p >> 16) & 0xFF) * a;
            ch[2][i] = ((p >> 8) & 0xFF) * a;
            ch[3][i] = (p & 0xFF) * a;
        }
        int[] boxes = boxSizes(sigma);
        float[] tmp = new float[w * h];
        for (float[] c : ch) {
            for (int box : boxes) {
                int r = (box - 1) / 2;
                horizontal(c, tmp, w, h, r);
                vertical(tmp, c, w, h, r);
            }
        }
        for (int i = 0; i < argb.length; i++) {
            float a = ch[0][i];
            if (a <= 1e-4f) {
                argb[i] = 0;
                continue;
            }
            int ai = Math.round(Math.min(1, a) * 255);
            argb[i] = ai << 24 | clamp(ch[1][i] / a) << 16 | clamp(ch[2][i] / a) << 8 | clamp(ch[3][i] / a);
        }
        img.setRGB(0, 0, w, h, argb, 0, w);
    }

    /** Widths of three box blurs approximating a Gaussian of this sigma (W. Jarosz's construction). */
    private static int[] boxSizes(double sigma) {
        int n = 3;
        double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
        int wl = (int) Math.floor(ideal);
        if (wl % 2 == 0) {
            wl--;
        }
        int wu = wl + 2;
        double mIdeal = (12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4.0 * wl - 4);
        long m = Math.round(mIdeal);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = i < m ? wl : wu;
        }
        return sizes;
    }

    private static void horizontal(float[] src, float[] dst, int w, int h, int r) {
        float scale = 1f / (2 * r + 1);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            float acc = 0;
            for (int x = 0; x <= r && x < w; x++) {
                acc += src[row + x];
            }
            for (int x = 0; x < w; x++) {
                dst[row + x] = acc * scale;
                int out = x - r;
                int in = x + r + 1;
                if (out >= 0) {
                    acc -= src[row + out];
                }
                if (in < w) {
                    acc += src[row + in];
                }
            }
        }
    }

    private static void vertical(float[] src, float[] dst, int w, int h, int r) {
        float scale = 1f / (2 * r + 1);
        for (int x = 0; x < w; x++) {
            float acc = 0;
            for (int y = 0; y <= r && y < h; y++) {
                acc += src[y * w + x];
            }
            for (int y = 0; y < h; y++) {
                dst[y * w + x] = acc * scale;
                int out = y - r;
                int in = y + r + 1;
                if (out >= 0) {
                    acc -= src[out * w + x];
                }
                if (in < h) {
                    acc += src[in * w + x];
                }
            }
        }
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
