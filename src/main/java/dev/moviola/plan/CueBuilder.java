package dev.moviola.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Cues from words as spoken (voices' word timings, a transcription). The rules:
 * <ul>
 *   <li>a cue holds at most {@code maxWordsPerLine} words (at least 1);</li>
 *   <li>a cue ends after a word that ends a sentence ({@code . ! ? …} and the CJK {@code 。！？}, with any closing
 *       quote or bracket after them), at a pause longer than {@link #PAUSE} seconds between two words, and where one
 *       voice ends and the next begins;</li>
 *   <li>a phrase (the words between two such breaks) longer than the maximum is cut into as few cues as fit, as even
 *       as possible, the earlier ones the longer (7 words at 4 a line: 4 + 3; 5 words: 3 + 2), so no word is left
 *       alone on a line when it need not be;</li>
 *   <li>a cue shows from its first word's start to its last word's end, then stays up to {@link #HOLD} seconds longer
 *       so the eye can finish it, but never past the next cue's start.</li>
 * </ul>
 */
public final class CueBuilder {
    /** A silence longer than this (seconds) between two words starts a new cue. */
    public static final double PAUSE = 0.6;
    /** How long (seconds) a cue stays after its last word when nothing follows at once. */
    public static final double HOLD = 0.5;

    private CueBuilder() {
    }

    /** Cues of one run of speech (one voice). */
    public static List<Cue> cues(List<CaptionWord> words, int maxWordsPerLine) {
        return fromVoices(List.of(words), maxWordsPerLine);
    }

    /**
     * @param voices          the words of each voice element, in movie seconds, voices and words in order; a cue
     *                        never spans two voices
     * @param maxWordsPerLine the {@code max-words-per-line} setting
     */
    public static List<Cue> fromVoices(List<List<CaptionWord>> voices, int maxWordsPerLine) {
        int max = Math.max(1, maxWordsPerLine);
        List<List<CaptionWord>> lines = new ArrayList<>();
        for (List<CaptionWord> voice : voices) {
            List<CaptionWord> phrase = new ArrayList<>();
            for (CaptionWord w : voice) {
                String text = w.text().strip();
                if (text.isEmpty()) {
                    continue;
                }
                CaptionWord word = text.equals(w.text()) ? w : new CaptionWord(text, w.start(), w.end());
                if (!phrase.isEmpty() && word.start() - phrase.get(phrase.size() - 1).end() > PAUSE) {
                    split(phrase, max, lines);
                }
                phrase.add(word);
                if (endsSentence(text)) {
                    split(phrase, max, lines);
                }
            }
            split(phrase, max, lines);
        }
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<CaptionWord> line = lines.get(i);
            double start = line.get(0).start();
            double said = Math.max(start, line.get(line.size() - 1).end());
            double end = said + HOLD;
            if (i + 1 < lines.size()) {
                end = Math.max(said, Math.min(end, lines.get(i + 1).get(0).start()));
            }
            cues.add(new Cue(start, end, line));
        }
        return cues;
    }

    /** Moves a finished phrase into lines of at most {@code max} words, as even as possible; empties it. */
    private static void split(List<CaptionWord> phrase, int max, List<List<CaptionWord>> lines) {
        int n = phrase.size();
        int count = (n + max - 1) / max;
        int from = 0;
        for (int k = 0; k < count; k++) {
            int size = n / count + (k < n % count ? 1 : 0);
            lines.add(List.copyOf(phrase.subList(from, from + size)));
            from += size;
        }
        phrase.clear();
    }

    /** Does the word end a sentence: its last character before closing quotes and brackets is . ! ? … 。！？ */
    static boolean endsSentence(String word) {
        int i = word.length();
        while (i > 0 && "\"'”’»)]」』".indexOf(word.charAt(i - 1)) >= 0) {
            i--;
        }
        return i > 0 && ".!?…。！？".indexOf(word.charAt(i - 1)) >= 0;
    }
}
