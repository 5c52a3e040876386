package dev.moviola.movie;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for misspelt keys and words: the closest candidate within a small edit distance. */
final class Suggest {
    private Suggest() {
    }

    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = normalise(word);
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        for (String c : candidates) {
            String n = normalise(c);
            if (Math.abs(n.length() - w.length()) > allowed) {
                continue; // at least that many edits apart: never measured, so a long text costs nothing
            }
            int d = distance(w, n);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Case and separator differences ({@code fadeIn}, {@code fade_in}) cost nothing. */
    private static String normalise(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Edit distance where swapping two neighbouring letters ("imgae") counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
