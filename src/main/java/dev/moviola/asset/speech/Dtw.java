package dev.moviola.asset.speech;

/**
 * Dynamic time warping of two feature sequences within a window: the cheapest monotonic path from the first frames
 * of both to their last frames, steps of one frame in either or both, the cost of a cell the Euclidean distance of
 * its frames. The window (per frame of {@code a}, a range of frames of {@code b}) keeps time and memory in
 * proportion to the window's cells rather than to the product of the lengths; long inputs are first aligned at a
 * quarter of the resolution and then refined in a narrow window around that path.
 */
final class Dtw {
    /** Cells aligned at full resolution in one pass at most (about 5 bytes each). */
    static final long CELL_BUDGET = 12_000_000;
    /** Half-width of the refinement window around the coarse path, in frames. */
    private static final int REFINE_RADIUS = 12;
    private static final int COARSE = 4;

    private Dtw() {
    }

    /**
     * For each frame of {@code a}, the frames of {@code b} it is matched to: {@code [i][0]} the first and
     * {@code [i][1]} the last.
     *
     * @param band half-width of the window around the diagonal from (0, 0) to the last frames, as a fraction of
     *             the longer sequence's length
     * @param minBand and at least this many frames
     */
    static int[][] align(float[][] a, float[][] b, double band, int minBand) {
        int n = a.length;
        int m = b.length;
        int w = (int) Math.max(minBand, Math.ceil(band * Math.max(n, m)));
        int[] lo = new int[n];
        int[] hi = new int[n];
        long cells = 0;
        for (int i = 0; i < n; i++) {
            double centre = n == 1 ? 0 : i * (m - 1) / (double) (n - 1);
            lo[i] = (int) Math.max(0, Math.floor(centre - w));
            hi[i] = (int) Math.min(m - 1, Math.ceil(centre + w));
            cells += hi[i] - lo[i] + 1;
        }
        if (cells <= CELL_BUDGET || n < 4 * COARSE || m < 4 * COARSE) {
            connect(lo, hi);
            return path(a, b, lo, hi);
        }
        // coarse: a quarter of the frames, the same band
        int[][] coarse = align(shrink(a), shrink(b), band, Math.max(1, minBand / COARSE));
        for (int i = 0; i < n; i++) {
            int[] c = coarse[Math.min(coarse.length - 1, i / COARSE)];
            lo[i] = Math.max(0, c[0] * COARSE - REFINE_RADIUS);
            hi[i] = Math.min(m - 1, c[1] * COARSE + COARSE - 1 + REFINE_RADIUS);
        }
        lo[0] = 0;
        hi[n - 1] = m - 1;
        connect(lo, hi);
        return path(a, b, lo, hi);
    }

    /**
     * Makes the window one a path can cross: both edges never go back, and each row starts at most one frame after
     * the row before it ends.
     */
    private static void connect(int[] lo, int[] hi) {
        for (int i = 1; i < lo.length; i++) {
            lo[i] = Math.max(lo[i], lo[i - 1]);
            hi[i] = Math.max(hi[i], hi[i - 1]);
        }
        for (int i = 1; i < lo.length; i++) {
            if (lo[i] > hi[i - 1] + 1) {
                hi[i - 1] = lo[i] - 1;
            }
        }
        for (int i = lo.length - 2; i >= 0; i--) {
            hi[i] = Math.min(hi[i], hi[i + 1]);
        }
    }

    private static float[][] shrink(float[][] x) {
        int n = (x.length + COARSE - 1) / COARSE;
        float[][] out = new float[n][x[0].length];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int k = i * COARSE; k < Math.min(x.length, (i + 1) * COARSE); k++, count++) {
                for (int d = 0; d < out[i].length; d++) {
                    out[i][d] += x[k][d];
                }
            }
            for (int d = 0; d < out[i].length; d++) {
                out[i][d] /= count;
            }
        }
        return out;
    }

    /** The path within the window: rows lo[i]..hi[i] of b for each frame i of a. */
    private static int[][] path(float[][] a, float[][] b, int[] lo, int[] hi) {
        int n = a.length;
        float[][] cost = new float[n][];
        byte[][] step = new byte[n][];
        for (int i = 0; i < n; i++) {
            int width = hi[i] - lo[i] + 1;
            cost[i] = new float[width];
            step[i] = new byte[width];
            for (int j = lo[i]; j <= hi[i]; j++) {
                float d = distance(a[i], b[j]);
                float best;
                byte from;
                if (i == 0 && j == lo[0]) {
                    best = 0;
                    from = 0;
                } else {
                    float diag = i > 0 ? at(cost, lo, hi, i - 1, j - 1) : Float.POSITIVE_INFINITY;
                    float up = i > 0 ? at(cost, lo, hi, i - 1, j) : Float.POSITIVE_INFINITY;
                    float left = j > lo[i] ? cost[i][j - 1 - lo[i]] : Float.POSITIVE_INFINITY;
                    best = diag;
                    from = 1;
                    if (up < best) {
                        best = up;
                        from = 2;
                    }
                    if (left < best) {
                        best = left;
                        from = 3;
                    }
                }
                cost[i][j - lo[i]] = best + d;
                step[i][j - lo[i]] = from;
            }
        }
        int[][] match = new int[n][2];
        for (int[] r : match) {
            r[0] = Integer.MAX_VALUE;
            r[1] = Integer.MIN_VALUE;
        }
        int i = n - 1;
        int j = hi[n - 1];
        while (true) {
            match[i][0] = Math.min(match[i][0], j);
            match[i][1] = Math.max(match[i][1], j);
            byte from = step[i][j - lo[i]];
            if (from == 0) {
                break;
            } else if (from == 1) {
                i--;
                j--;
            } else if (from == 2) {
                i--;
            } else {
                j--;
            }
        }
        // rows the path did not reach (only when the window is broken) take their neighbours' match
        for (int k = 1; k < n; k++) {
            if (match[k][0] == Integer.MAX_VALUE) {
                match[k][0] = match[k][1] = match[k - 1][1];
            }
        }
        return match;
    }

    private static float at(float[][] cost, int[] lo, int[] hi, int i, int j) {
        if (j < lo[i] || j > hi[i]) {
            return Float.POSITIVE_INFINITY;
        }
        return cost[i][j - lo[i]];
    }

    private static float distance(float[] x, float[] y) {
        float s = 0;
        for (int d = 0; d < x.length; d++) {
            float t = x[d] - y[d];
            s += t * t;
        }
        return (float) Math.sqrt(s);
    }
}
