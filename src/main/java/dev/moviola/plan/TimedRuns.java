package dev.moviola.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Words with times from pieces of text that each have a time span: a caption file entry (one piece over the whole
 * entry), a karaoke syllable of ASS, the text after a WebVTT timestamp tag.
 */
final class TimedRuns {
    /** A piece of text said from {@code start} to {@code end} (movie seconds). */
    record Run(String text, double start, double end) {
    }

    private TimedRuns() {
    }

    /**
     * Splits the text on whitespace into words. A run's time is shared out among its non-space characters, so words
     * inside one run get time in proportion to their length (the best guess when the file says nothing finer) and
     * the words of a run exactly fill it; a word split over several runs (ASS syllables "Hel" "lo") lasts from its
     * first character's time to its last's.
     */
    static List<CaptionWord> words(List<Run> runs) {
        List<CaptionWord> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        double wordStart = 0;
        double wordEnd = 0;
        for (Run run : runs) {
            long letters = run.text().codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
            double each = letters == 0 ? 0 : (run.end() - run.start()) / letters;
            double t = run.start();
            int i = 0;
            while (i < run.text().length()) {
                int cp = run.text().codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isWhitespace(cp)) {
                    flush(out, word, wordStart, wordEnd);
                    continue;
                }
                if (word.length() == 0) {
                    wordStart = t;
                }
                word.appendCodePoint(cp);
                t += each;
                wordEnd = t;
            }
        }
        flush(out, word, wordStart, wordEnd);
        return out;
    }

    private static void flush(List<CaptionWord> out, StringBuilder word, double start, double end) {
        if (word.length() > 0) {
            out.add(new CaptionWord(word.toString(), start, Math.max(start, end)));
            word.setLength(0);
        }
    }
}
