package dev.moviola.asset.speech;

import dev.moviola.config.ProviderSettings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each word of a known text is said in speech audio that came without word times (Azure's REST voices,
 * OpenAI's): an estimate, for captions.
 *
 * <p>The method: the local engine ({@link EspeakSpeech}, whose word times are exact) says the same text; both audios
 * are decoded to 16 kHz mono by ffmpeg and turned into {@link Mfcc} frames every 10 ms (cepstra normalised over each
 * utterance, with deltas, so that the two voices differ less than the two texts would); silence before and after
 * the speech is cut from both (leading or trailing silence of any length then costs nothing); dynamic time warping
 * ({@link Dtw}, in a band around the diagonal) pairs the frames; each word's start and end are carried from the
 * reference to the target along that path, and then moved off the target's silences: a start in a pause moves to
 * where the sound starts, an end to where it stops.
 *
 * <p>Without the local engine (not installed, or it failed) a simpler estimate: the target's speech is told from its
 * silences by energy; each word gets a share of the speech time in proportion to its syllables (vowel groups; a
 * character for scripts without vowel letters; digits count more), and pauses longer than 150 ms fall on the word
 * boundaries nearest to them, preferring boundaries after punctuation.
 *
 * <p>Measured ({@code WordAlignerTest}, which prints the numbers) against espeak-ng's exact times for a 20-word line
 * said by another voice (female variant, 150 words per minute, pitch 70; the reference is the male voice at 175):
 * word starts within 15 ms on the median, 86 ms at most; with 1.3 s of quiet noise before and 2 s after, 14 and
 * 61 ms; a British voice at 200 words per minute through MP3, 7 and 68 ms; a 4.5-minute line aligns in about 2 s.
 * Without the local engine: 60 ms on the median and 280 ms at most (126 and 235 with leading noise). Real voices
 * differ from espeak-ng more than its voices differ from each other: expect larger errors there.
 */
public final class WordAligner {
    private static final Logger LOG = LoggerFactory.getLogger(WordAligner.class);
    /** Changes when the method does: part of {@link #identity()}. */
    public static final String VERSION = "1";
    /** A gap in speech at least this long is a pause between words. */
    private static final double PAUSE = 0.15;
    /** Speech kept around the first and last speech frames when cutting silence (frames). */
    private static final int MARGIN = 3;

    private final Ffmpeg ffmpeg;
    private final EspeakSpeech reference;
    private final Duration timeout;

    /**
     * @param ffmpeg    decodes the audio
     * @param reference the local engine for the reference, or null to use the simpler method only
     * @param timeout   longest decoding one file may take
     */
    public WordAligner(Ffmpeg ffmpeg, EspeakSpeech reference, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.reference = reference;
        this.timeout = timeout;
    }

    /** The aligner as the settings describe it: the local engine of {@code espeak-ng}, {@code provider-timeout}. */
    public static WordAligner from(ProviderSettings settings, Ffmpeg ffmpeg) {
        return new WordAligner(ffmpeg, EspeakSpeech.from(settings), settings.timeout());
    }

    /** What decides the times besides the text and the audio: part of the element cache's key. */
    public String identity() {
        return "word-aligner " + VERSION + " (" + (reference == null ? "syllables" : "dtw, " + reference.identity()) + ")";
    }

    /**
     * The words of {@code text} (whitespace-separated, with the punctuation that clings to them, as
     * {@link Speech#words()}) with when each is said in {@code audio}.
     *
     * @param language the language of the speech ({@code en-US}, {@code fr}), or the voice's id
     *                 ({@code fr-FR-DeniseNeural}); null for English. Picks the local engine's voice.
     * @param workDir  where decoded audio and the reference are written (and deleted)
     */
    public List<TimedWord> align(String text, Path audio, String language, Path workDir)
            throws SpeechException, InterruptedException {
        if (WordTimes.tokens(text).isEmpty()) {
            return List.of();
        }
        Path work;
        try {
            Files.createDirectories(workDir);
            work = Files.createTempDirectory(workDir, "align-");
        } catch (IOException e) {
            throw new SpeechException("cannot write into " + workDir + ": " + e.getMessage(), false, e);
        }
        try {
            short[] target = decode(audio, work, "target");
            if (reference != null) {
                try {
                    Speech ref = reference.synthesize(new SpeechRequest(text, EspeakVoices.forLanguage(language), null,
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()), work);
                    short[] refPcm = decode(ref.audio(), work, "reference");
                    return alignTo(text, target, ref.words(), refPcm);
                } catch (SpeechException e) {
                    LOG.warn("word times by syllables: the local voice for the reference failed: {}", e.getMessage());
                }
            }
            return distribute(text, target);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(WordAligner::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("cannot list {}", dir, e);
        }
        deleteQuietly(dir);
    }

    /** 16 kHz mono samples of {@code audio}, by ffmpeg. */
    private short[] decode(Path audio, Path workDir, String what) throws SpeechException, InterruptedException {
        Path raw = null;
        try {
            raw = Files.createTempFile(workDir, what + "-", ".s16");
            ffmpeg.run("decode the " + what + " speech for word times", List.of("-i", audio.toString(),
                    "-vn", "-ac", "1", "-ar", Integer.toString(Mfcc.RATE), "-f", "s16le", "-acodec", "pcm_s16le",
                    raw.toString()), timeout, null);
            byte[] bytes = Files.readAllBytes(raw);
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (FfmpegException e) {
            throw new SpeechException("cannot read the speech to find its word times: " + e.getMessage(), false, null);
        } catch (IOException e) {
            throw new SpeechException("cannot read the speech to find its word times: " + e.getMessage(), false, e);
        } finally {
            if (raw != null) {
                deleteQuietly(raw);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", p, e);
        }
    }

    /**
     * Carries the reference's word times to the target along the warping path.
     *
     * @param target    16 kHz mono
     * @param refWords  the reference's words (the same tokens as the text's) with their exact times
     * @param reference 16 kHz mono
     */
    static List<TimedWord> alignTo(String text, short[] target, List<TimedWord> refWords, short[] reference) {
        Mfcc t = Mfcc.of(target);
        Mfcc r = Mfcc.of(reference);
        List<WordTimes.Token> tokens = WordTimes.tokens(text);
        if (t.frames() < 2 || r.frames() < 2 || refWords.size() != tokens.size()) {
            return distribute(text, target);
        }
        boolean[] tSpeech = t.speech();
        int[] tRange = range(tSpeech);
        int[] rRange = range(r.speech());
        if (tRange == null || rRange == null) {
            return distribute(text, target);
        }
        float[][] a = java.util.Arrays.copyOfRange(r.features, rRange[0], rRange[1] + 1);
        float[][] b = java.util.Arrays.copyOfRange(t.features, tRange[0], tRange[1] + 1);
        int[][] match = Dtw.align(a, b, 0.2, 50);
        Warp warp = new Warp(match, rRange[0], tRange[0]);
        double total = target.length / (double) Mfcc.RATE;
        List<TimedWord> out = new ArrayList<>(tokens.size());
        double previousStart = 0;
        double[] starts = new double[tokens.size()];
        double[] ends = new double[tokens.size()];
        for (int k = 0; k < tokens.size(); k++) {
            TimedWord w = refWords.get(k);
            double s = Math.max(previousStart, warp.at(w.start(), false));
            double e = w.end() > w.start() ? Math.max(s, warp.at(w.end(), true)) : s;
            starts[k] = Math.min(s, total);
            ends[k] = Math.min(e, total);
            previousStart = starts[k];
        }
        for (int k = 0; k + 1 < tokens.size(); k++) {
            ends[k] = Math.min(ends[k], starts[k + 1]);
        }
        offSilence(starts, ends, tSpeech);
        for (int k = 0; k < tokens.size(); k++) {
            out.add(new TimedWord(tokens.get(k).text(), starts[k], ends[k]));
        }
        return out;
    }

    /** The first and last speech frames with a margin, or null when there is no speech. */
    private static int[] range(boolean[] speech) {
        int first = -1;
        int last = -1;
        for (int f = 0; f < speech.length; f++) {
            if (speech[f]) {
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        if (first < 0) {
            return null;
        }
        return new int[] {Math.max(0, first - MARGIN), Math.min(speech.length - 1, last + MARGIN)};
    }

    /** A word that starts in a pause starts where the sound does; one that ends in a pause ends where it stops. */
    private static void offSilence(double[] starts, double[] ends, boolean[] speech) {
        for (int k = 0; k < starts.length; k++) {
            if (ends[k] <= starts[k]) {
                continue;
            }
            int s = frame(starts[k]);
            int e = frame(ends[k]);
            int f = s;
            while (f < e && f < speech.length && !speech[f]) {
                f++;
            }
            if (f < e) {
                starts[k] = Math.max(starts[k], f * Mfcc.HOP);
            }
            int g = Math.min(e, speech.length) - 1;
            while (g > f && !speech[g]) {
                g--;
            }
            if (g > f) {
                ends[k] = Math.min(ends[k], (g + 1) * Mfcc.HOP + 0.015);
            }
        }
    }

    private static int frame(double seconds) {
        return (int) Math.round(seconds / Mfcc.HOP);
    }

    /** Reference time → target time along the path (frame indexes of the cut ranges, offset back). */
    private static final class Warp {
        private final int[][] match;
        private final int refOffset;
        private final int targetOffset;

        Warp(int[][] match, int refOffset, int targetOffset) {
            this.match = match;
            this.refOffset = refOffset;
            this.targetOffset = targetOffset;
        }

        /** @param end the last target frame matched (for ends), else the first (for starts) */
        double at(double refSeconds, boolean end) {
            double f = refSeconds / Mfcc.HOP - refOffset;
            if (f <= 0) {
                return Math.max(0, (targetOffset + f) * Mfcc.HOP);
            }
            if (f >= match.length - 1) {
                int[] m = match[match.length - 1];
                return (targetOffset + m[1] + (f - (match.length - 1))) * Mfcc.HOP;
            }
            int i = (int) Math.floor(f);
            double frac = f - i;
            double x = end ? match[i][1] : match[i][0];
            double y = end ? match[i + 1][1] : match[i + 1][0];
            return (targetOffset + x + frac * (y - x)) * Mfcc.HOP;
        }
    }

    /**
     * The estimate without a reference: each word a share of the speech time by its syllables, pauses on the word
     * boundaries nearest to them.
     *
     * @param target 16 kHz mono
     */
    static List<TimedWord> distribute(String text, short[] target) {
        List<WordTimes.Token> tokens = WordTimes.tokens(text);
        List<TimedWord> out = new ArrayList<>(tokens.size());
        if (tokens.isEmpty()) {
            return out;
        }
        Mfcc t = Mfcc.of(target);
        boolean[] speech = t.speech();
        List<int[]> segments = segments(speech);
        if (segments.isEmpty()) {
            double d = target.length / (double) Mfcc.RATE;
            segments = List.of(new int[] {0, Math.max(1, (int) Math.round(d / Mfcc.HOP))});
        }
        int n = tokens.size();
        double[] weight = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            weight[k] = syllables(tokens.get(k).text());
            total += weight[k];
        }
        // boundaries 0..n in word units, and where each falls in the speech time (frames of speech only)
        double speechFrames = 0;
        for (int[] s : segments) {
            speechFrames += s[1] - s[0];
        }
        double[] boundary = new double[n + 1]; // speech-time position of the boundary before word k (frames)
        double acc = 0;
        for (int k = 0; k <= n; k++) {
            boundary[k] = acc / total * speechFrames;
            if (k < n) {
                acc += weight[k];
            }
        }
        // each pause (between segments) is pinned to the nearest inner boundary, preferring punctuation
        int[] pinned = new int[segments.size() - 1];
        double cut = 0;
        int lastPinned = 0;
        for (int g = 0; g + 1 < segments.size(); g++) {
            cut += segments.get(g)[1] - segments.get(g)[0];
            int best = -1;
            double bestScore = Double.MAX_VALUE;
            for (int k = lastPinned + 1; k < n; k++) {
                double distance = Math.abs(boundary[k] - cut) / Math.max(1, speechFrames / n);
                double score = distance - (punctuated(tokens.get(k - 1).text()) ? 0.75 : 0);
                if (score < bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            pinned[g] = best;
            if (best > 0) {
                lastPinned = best;
            }
        }
        // between pinned boundaries, words share the speech of the segments in between in proportion to weight
        double[] start = new double[n];
        double[] end = new double[n];
        int firstWord = 0;
        int firstSegment = 0;
        for (int g = 0; g <= pinned.length; g++) {
            if (g < pinned.length && pinned[g] <= 0) {
                continue; // a pause no boundary was left for: it stays inside a word
            }
            int lastWord = g < pinned.length ? pinned[g] : n; // exclusive
            int lastSegment = g; // inclusive
            if (lastWord <= firstWord) {
                continue;
            }
            share(tokens, weight, firstWord, lastWord, segments.subList(firstSegment, lastSegment + 1), start, end);
            firstWord = lastWord;
            firstSegment = lastSegment + 1;
        }
        for (int k = 0; k < n; k++) {
            out.add(new TimedWord(tokens.get(k).text(), start[k], Math.max(start[k], end[k])));
        }
        return out;
    }

    /** Words [from, to) share the speech of {@code segments} by weight. */
    private static void share(List<WordTimes.Token> tokens, double[] weight, int from, int to, List<int[]> segments,
            double[] start, double[] end) {
        double frames = 0;
        for (int[] s : segments) {
            frames += s[1] - s[0];
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += weight[k];
        }
        double acc = 0;
        for (int k = from; k < to; k++) {
            start[k] = toTime(segments, acc / sum * frames, false);
            acc += weight[k];
            end[k] = toTime(segments, acc / sum * frames, true);
        }
    }

    /** A position in speech-only frames → seconds. At a segment's end, the end (for ends) or the next start. */
    private static double toTime(List<int[]> segments, double speechFrames, boolean end) {
        double left = speechFrames;
        for (int i = 0; i < segments.size(); i++) {
            int[] s = segments.get(i);
            double length = s[1] - s[0];
            if (left < length || (end && left <= length) || i == segments.size() - 1) {
                return (s[0] + Math.min(left, length)) * Mfcc.HOP;
            }
            left -= length;
        }
        return 0;
    }

    /** Runs of speech frames [from, to), with gaps shorter than a pause filled. */
    private static List<int[]> segments(boolean[] speech) {
        List<int[]> out = new ArrayList<>();
        int minGap = (int) Math.round(PAUSE / Mfcc.HOP);
        int f = 0;
        while (f < speech.length) {
            while (f < speech.length && !speech[f]) {
                f++;
            }
            if (f == speech.length) {
                break;
            }
            int b = f;
            while (f < speech.length && speech[f]) {
                f++;
            }
            if (!out.isEmpty() && b - out.get(out.size() - 1)[1] < minGap) {
                out.get(out.size() - 1)[1] = f;
            } else {
                out.add(new int[] {b, f});
            }
        }
        // runs too short to be a word (a click) are dropped unless that leaves nothing
        List<int[]> kept = new ArrayList<>();
        for (int[] s : out) {
            if (s[1] - s[0] >= 3) {
                kept.add(s);
            }
        }
        return kept.isEmpty() ? out : kept;
    }

    private static boolean punctuated(String word) {
        return word.matches(".*[,;:.!?…—–)\"”»」。、！？]$");
    }

    /** Syllables of a word, roughly: vowel groups, a character for scripts without vowel letters, more for digits. */
    static double syllables(String word) {
        int groups = 0;
        boolean inVowel = false;
        int letters = 0;
        int digits = 0;
        int ideographs = 0;
        for (int cp : word.codePoints().toArray()) {
            if (Character.isDigit(cp)) {
                digits++;
            }
            if (Character.isLetter(cp)) {
                letters++;
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                        || script == Character.UnicodeScript.THAI) {
                    ideographs++;
                }
            }
            boolean vowel = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœаеёиоуыэюяіїєαεηιουωάέήίόύώ"
                    .indexOf(Character.toLowerCase(cp)) >= 0;
            if (vowel && !inVowel) {
                groups++;
            }
            inVowel = vowel;
        }
        double s = ideographs > 0 ? ideographs : Math.max(groups, letters > 0 ? 1 : 0);
        s += digits * 1.5;
        if (s == 0) {
            s = 0.5; // a symbol said as a word, or a lone mark
        }
        return s + (punctuated(word) ? 0.3 : 0);
    }
}
