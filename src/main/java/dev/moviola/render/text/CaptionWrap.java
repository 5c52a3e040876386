package dev.moviola.render.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a caption's words into lines: one line when it fits; else two lines as equal in width as can be (a caption
 * reads best as two balanced lines, not a full line and a stray word); else as many lines as needed, each filled
 * greedily. A word wider than the room is a line of its own and overflows.
 */
final class CaptionWrap {
    private CaptionWrap() {
    }

    /** Lines as {@code [from, to)} word ranges. */
    static List<int[]> lines(double[] widths, double space, double room) {
        int n = widths.length;
        if (n == 0 || width(widths, space, 0, n) <= room) {
            return List.of(new int[] {0, n});
        }
        int best = -1;
        double bestWidth = Double.MAX_VALUE;
        for (int cut = 1; cut < n; cut++) {
            double w = Math.max(width(widths, space, 0, cut), width(widths, space, cut, n));
            if (w < bestWidth) {
                bestWidth = w;
                best = cut;
            }
        }
        if (best > 0 && bestWidth <= room) {
            return List.of(new int[] {0, best}, new int[] {best, n});
        }
        List<int[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || width(widths, space, from, i + 1) > room) {
                lines.add(new int[] {from, i});
                from = i;
            }
        }
        return lines;
    }

    /** Width of words {@code [from, to)} with a space between each two. */
    static double width(double[] widths, double space, int from, int to) {
        double w = 0;
        for (int i = from; i < to; i++) {
            w += widths[i] + (i > from ? space : 0);
        }
        return w;
    }
}
