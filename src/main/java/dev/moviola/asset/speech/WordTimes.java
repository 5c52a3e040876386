package dev.moviola.asset.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns espeak-ng's word events into the words of the text with their times.
 *
 * <p>The words are the text's whitespace-separated tokens, with the punctuation that clings to them
 * ({@code "world!"}). An event gives the 1-based position of the spoken word's first character in the text,
 * counting characters (Unicode code points, not UTF-8 bytes or UTF-16 units), and the sample where its sound
 * starts. A token's start is that of the first event inside it (espeak-ng says one token in several words:
 * {@code 1998}, {@code 3.5%}); an event in the spaces between tokens belongs to the next. An event can come before
 * a pause that opens its word (after a comma or a full stop): the start moves over that silence to the sound.
 * A token's end is where its sound ends before the next token starts (trailing silence is not part of the word).
 * A token espeak-ng does not speak (a lone dash) gets no time: it starts and ends where the word before it ends.
 */
final class WordTimes {
    /** Frames for finding silence, in seconds. */
    private static final double FRAME = 0.005;
    /** A frame is sound when its RMS is above this fraction of the loudest frame's (-40 dB). */
    private static final double SOUND = 0.01;

    private WordTimes() {
    }

    /** A whitespace-separated token: its text and where it is in the text, in code points [begin, end). */
    record Token(String text, int begin, int end) {
    }

    /** A word event: 1-based code point position of its first character, and its start in samples. */
    record Event(int position, long sample) {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            while (i < cps.length && isSpace(cps[i])) {
                i++;
            }
            if (i == cps.length) {
                break;
            }
            int b = i;
            while (i < cps.length && !isSpace(cps[i])) {
                i++;
            }
            tokens.add(new Token(new String(cps, b, i - b), b, i));
        }
        return tokens;
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /**
     * @param samples    the speech, mono
     * @param sampleRate its rate
     */
    static List<TimedWord> words(String text, List<Event> events, short[] samples, int sampleRate) {
        List<Token> tokens = tokens(text);
        long[] start = new long[tokens.size()];
        java.util.Arrays.fill(start, -1);
        int t = 0;
        for (Event e : events) {
            int at = e.position() - 1;
            // tokens and events both go forward; an event's position can lag inside the token it started
            int k = t;
            while (k < tokens.size() && tokens.get(k).end() <= at) {
                k++;
            }
            if (k == tokens.size()) {
                k = tokens.size() - 1;
            }
            if (k < 0) {
                break;
            }
            if (start[k] < 0) {
                start[k] = Math.max(e.sample(), k > 0 && start[k - 1] >= 0 ? start[k - 1] : 0);
            }
            t = k;
        }
        Energy energy = new Energy(samples, sampleRate);
        List<Integer> timed = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            if (start[k] >= 0) {
                timed.add(k);
            }
        }
        double[] s = new double[tokens.size()];
        double[] en = new double[tokens.size()];
        java.util.Arrays.fill(s, -1);
        for (int j = 0; j < timed.size(); j++) {
            int k = timed.get(j);
            int next = j + 1 < timed.size() ? energy.frameAt(start[timed.get(j + 1)]) : energy.frames();
            int first = energy.frameAt(start[k]);
            int sound = energy.firstSound(first, next);
            if (sound == first || sound < 0) {
                s[k] = start[k] / (double) sampleRate;
            } else {
                s[k] = energy.time(sound); // the event came before a pause: the word starts with its sound
            }
            int last = energy.lastSound(Math.max(first, sound), next);
            int e = last < 0 ? next : last + 1;
            en[k] = Math.max(s[k], Math.min(energy.time(e), energy.seconds()));
        }
        List<TimedWord> words = new ArrayList<>(tokens.size());
        double previousEnd = 0;
        for (int k = 0; k < tokens.size(); k++) {
            if (s[k] < 0) {
                double at = previousEnd;
                if (k == 0 || words.isEmpty()) {
                    at = nextStart(s, k);
                }
                words.add(new TimedWord(tokens.get(k).text(), at, at));
            } else {
                words.add(new TimedWord(tokens.get(k).text(), s[k], en[k]));
                previousEnd = en[k];
            }
        }
        return words;
    }

    private static double nextStart(double[] s, int k) {
        for (int i = k; i < s.length; i++) {
            if (s[i] >= 0) {
                return s[i];
            }
        }
        return 0;
    }

    /** RMS of short frames and which are sound. */
    static final class Energy {
        private final int frameLength;
        private final int sampleRate;
        private final int samples;
        private final boolean[] sound;

        Energy(short[] pcm, int sampleRate) {
            this.sampleRate = sampleRate;
            this.samples = pcm.length;
            this.frameLength = Math.max(1, (int) Math.round(sampleRate * FRAME));
            int n = (pcm.length + frameLength - 1) / frameLength;
            double[] rms = new double[n];
            double max = 0;
            for (int f = 0; f < n; f++) {
                double sum = 0;
                int b = f * frameLength;
                int e = Math.min(pcm.length, b + frameLength);
                for (int i = b; i < e; i++) {
                    sum += (double) pcm[i] * pcm[i];
                }
                rms[f] = Math.sqrt(sum / Math.max(1, e - b));
                max = Math.max(max, rms[f]);
            }
            sound = new boolean[n];
            double threshold = Math.max(max * SOUND, 1);
            for (int f = 0; f < n; f++) {
                sound[f] = rms[f] >= threshold;
            }
        }

        int frames() {
            return sound.length;
        }

        int frameAt(long sample) {
            return (int) Math.min(sound.length, sample / frameLength);
        }

        double time(int frame) {
            return Math.min(samples, (long) frame * frameLength) / (double) sampleRate;
        }

        double seconds() {
            return samples / (double) sampleRate;
        }

        /** The first frame of sound in [from, to), or -1. */
        int firstSound(int from, int to) {
            for (int f = Math.max(0, from); f < Math.min(to, sound.length); f++) {
                if (sound[f]) {
                    return f;
                }
            }
            return -1;
        }

        /** The last frame of sound in [from, to), or -1. */
        int lastSound(int from, int to) {
            for (int f = Math.min(to, sound.length) - 1; f >= Math.max(0, from); f--) {
                if (sound[f]) {
                    return f;
                }
            }
            return -1;
        }
    }
}
