package dev.moviola.render;

import dev.moviola.movie.Fps;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.plan.CaptionLook;
import dev.moviola.plan.CaptionWord;
import dev.moviola.plan.Captions;
import dev.moviola.plan.Cue;
import dev.moviola.plan.Output;
import dev.moviola.render.text.CaptionPainter;
import dev.moviola.render.text.FontCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Captions over a range of movie frames as a {@link CaptionLayer}: each frame's look (which cue, which words shown,
 * which word is being said) is worked out on the frame grid, runs of equal looks become one entry of a concat list,
 * and each distinct look is drawn once (a cue said twice, or a look that comes back, reuses its picture).
 *
 * <p>Which look a frame shows, at frame f (movie time f / fps; every time is taken to its nearest frame):
 * <ul>
 *   <li>the cue shown is the one that started last among those on screen ({@code start <= t < end});</li>
 *   <li>the word being said is the last whose {@code [start, end)} holds t, a word's end stretched to the next word's
 *       start across a silence shorter than {@link CaptionLook#BRIDGE}; before the first word and after the last,
 *       none;</li>
 *   <li>{@code classic}, {@code boxed-line}: the whole line, the word being said in {@code word-color} (no highlight
 *       state at all when it equals {@code line-color}); {@code boxed-word}: the line, the box behind the word being
 *       said; {@code classic-progressive}: the words whose start has come, in their final places; {@code
 *       classic-one-word}: the last word whose start has come, alone and placed as a line of its own, in
 *       {@code word-color} (it is the word being said until the next one starts).</li>
 * </ul>
 */
public final class CaptionTrack {
    /** A look: words {@code [from, to)} of {@code words} shown, word {@code current} (or -1) the one being said. */
    record Look(List<String> words, int from, int to, int current) {
        static final Look BLANK = new Look(List.of(), 0, 0, -1);
    }

    /** A cue on the frame grid: its words as shown, when each is said, when it shows. */
    private record Timed(List<String> words, long[] starts, long[] ends) {
    }

    private CaptionTrack() {
    }

    /**
     * Draws {@code captions} over movie frames {@code [fromFrame, toFrame)} into {@code dir} (created; a directory of
     * the layer's own).
     *
     * @param fontFile the downloaded {@code font-url}, or null
     */
    public static CaptionLayer draw(Captions captions, Output output, long fromFrame, long toFrame, FontCatalog fonts,
            Path fontFile, Path dir) throws IOException {
        if (toFrame <= fromFrame) {
            throw new IllegalArgumentException("empty frame range [" + fromFrame + ", " + toFrame + ")");
        }
        SubtitleSettings s = captions.settings();
        List<Look> looks = looks(captions, output.fps(), fromFrame, toFrame);
        CaptionPainter painter = CaptionPainter.create(s, output.width(), output.height(), fonts, fontFile);
        Files.createDirectories(dir);

        Map<Look, String> pictures = new HashMap<>();
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        String fps = output.fps().toString();
        String last = null;
        long at = 0;
        List<Long> changes = new ArrayList<>();
        for (int i = 0; i < looks.size(); ) {
            Look look = looks.get(i);
            int j = i;
            while (j < looks.size() && looks.get(j).equals(look)) {
                j++;
            }
            String name = pictures.get(look);
            if (name == null) {
                name = String.format(Locale.ROOT, "caption_%04d.png", pictures.size());
                CaptionPng.write(painter.draw(look.words(), look.from(), look.to(), look.current()), dir.resolve(name));
                pictures.put(look, name);
            }
            // Each picture at the movie's rate, so the demuxer's timestamps are whole frames; the durations written in
            // microseconds are rounded from the exact frame times, so rounding never adds up.
            list.append("file '").append(name).append("'\noption framerate ").append(fps).append("\nduration ")
                    .append(seconds(micros(j, output.fps()) - micros(at, output.fps()))).append('\n');
            if (at > 0) {
                changes.add(at);
            }
            at = j;
            last = name;
            i = j;
        }
        // The concat demuxer shows the last entry only for its own length (one frame): repeating it makes the entry
        // before last last its full duration.
        list.append("file '").append(last).append("'\noption framerate ").append(fps).append('\n');
        Path file = dir.resolve("captions.ffconcat");
        Files.writeString(file, list.toString(), StandardCharsets.UTF_8);
        return new CaptionLayer(file, toFrame - fromFrame, output.width(), output.height(), pictures.size(),
                painter.warnings(), changes);
    }

    /** The look of each frame of the range. */
    static List<Look> looks(Captions captions, Fps fps, long fromFrame, long toFrame) {
        SubtitleSettings s = captions.settings();
        int n = Math.toIntExact(toFrame - fromFrame);
        List<Cue> cues = new ArrayList<>(captions.cues());
        cues.sort(Comparator.comparingDouble(Cue::start));
        int[] cueAt = new int[n];
        Arrays.fill(cueAt, -1);
        List<Timed> timed = new ArrayList<>();
        for (int c = 0; c < cues.size(); c++) {
            Cue cue = cues.get(c);
            timed.add(timed(cue, fps, s.allCaps()));
            // Later cues overwrite earlier ones: of overlapping cues, the one that started last shows.
            long from = Math.max(fromFrame, fps.frameAt(cue.start()));
            long to = Math.min(toFrame, fps.frameAt(cue.end()));
            for (long f = from; f < to; f++) {
                cueAt[(int) (f - fromFrame)] = c;
            }
        }
        List<Look> looks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            looks.add(cueAt[k] < 0 ? Look.BLANK : look(timed.get(cueAt[k]), fromFrame + k, s));
        }
        return looks;
    }

    private static Timed timed(Cue cue, Fps fps, boolean allCaps) {
        List<CaptionWord> words = cue.words();
        List<String> texts = new ArrayList<>();
        long[] starts = new long[words.size()];
        long[] ends = new long[words.size()];
        for (int i = 0; i < words.size(); i++) {
            CaptionWord w = words.get(i);
            texts.add(allCaps ? w.text().toUpperCase(Locale.ROOT) : w.text());
            double end = w.end();
            if (i + 1 < words.size()) {
                double next = words.get(i + 1).start();
                if (next >= end && next - end < CaptionLook.BRIDGE) {
                    end = next;
                }
            }
            starts[i] = fps.frameAt(w.start());
            ends[i] = fps.frameAt(end);
        }
        return new Timed(List.copyOf(texts), starts, ends);
    }

    private static Look look(Timed t, long frame, SubtitleSettings s) {
        int said = 0;
        int current = -1;
        for (int i = 0; i < t.starts().length; i++) {
            if (t.starts()[i] <= frame) {
                said = i + 1;
                if (frame < t.ends()[i]) {
                    current = i;
                }
            }
        }
        int n = t.words().size();
        boolean highlight = !s.wordColor().equals(s.lineColor());
        return switch (s.style()) {
            case CLASSIC, BOXED_LINE -> new Look(t.words(), 0, n, highlight ? current : -1);
            case BOXED_WORD -> new Look(t.words(), 0, n, current);
            case CLASSIC_PROGRESSIVE -> said == 0 ? Look.BLANK : new Look(t.words(), 0, said, highlight ? current : -1);
            case CLASSIC_ONE_WORD -> said == 0 ? Look.BLANK : new Look(List.of(t.words().get(said - 1)), 0, 1, 0);
        };
    }

    /** Microseconds from the range's start to its frame {@code k}, rounded from the exact time. */
    static long micros(long k, Fps fps) {
        long num = fps.numerator();
        return (2L * k * fps.denominator() * 1_000_000L + num) / (2L * num);
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
