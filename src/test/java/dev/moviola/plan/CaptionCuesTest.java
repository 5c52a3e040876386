package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that cut spoken words into cues (see {@link CueBuilder}). */
class CaptionCuesTest {
    /** Words 0.3 s long, back to back from {@code start}. */
    static List<CaptionWord> said(double start, String... words) {
        List<CaptionWord> out = new ArrayList<>();
        double t = start;
        for (String w : words) {
            out.add(new CaptionWord(w, t, t + 0.3));
            t += 0.3;
        }
        return out;
    }

    static List<List<String>> lines(List<Cue> cues) {
        return cues.stream().map(CaptionFilesTest::texts).toList();
    }

    @Test
    void atMostMaxWordsALineSplitEvenly() {
        assertThat(lines(CueBuilder.cues(said(0, "a", "b", "c", "d", "e", "f", "g"), 4)))
                .containsExactly(List.of("a", "b", "c", "d"), List.of("e", "f", "g"));
        assertThat(lines(CueBuilder.cues(said(0, "a", "b", "c", "d", "e"), 4)))
                .as("no word left alone").containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
        assertThat(lines(CueBuilder.cues(said(0, "a", "b"), 0))).as("at least one word a line")
                .containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void sentencesEndCues() {
        assertThat(lines(CueBuilder.cues(said(0, "Hi.", "How", "are", "you?\"", "Fine…", "ok"), 4)))
                .containsExactly(List.of("Hi."), List.of("How", "are", "you?\""), List.of("Fine…"), List.of("ok"));
        assertThat(CueBuilder.endsSentence("好。")).isTrue();
        assertThat(CueBuilder.endsSentence("3.5")).isFalse();
    }

    @Test
    void pausesAndVoicesEndCues() {
        List<CaptionWord> words = new ArrayList<>(said(0, "one", "two"));
        words.addAll(said(0.6 + 0.61, "three")); // 0.61 s of silence after "two"
        words.addAll(said(1.51 + 0.59, "four")); // 0.59 s: not a pause
        assertThat(lines(CueBuilder.cues(words, 4))).containsExactly(List.of("one", "two"), List.of("three", "four"));
        assertThat(lines(CueBuilder.fromVoices(List.of(said(0, "a", "b"), said(0.6, "c", "d")), 4)))
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void aCueShowsFromItsFirstWordAndHoldsUntilTheNextCue() {
        List<CaptionWord> words = new ArrayList<>(said(1, "a.", "b."));
        words.addAll(said(5, "c"));
        List<Cue> cues = CueBuilder.cues(words, 4);
        assertThat(cues.get(0).start()).isEqualTo(1.0);
        assertThat(cues.get(0).end()).as("the next cue starts 0 s after: no hold").isCloseTo(1.3, within(1e-9));
        assertThat(cues.get(1).end()).as("held 0.5 s: the next starts much later").isCloseTo(1.6 + 0.5, within(1e-9));
        assertThat(cues.get(2).end()).as("the last is held too").isCloseTo(5.3 + 0.5, within(1e-9));
        List<CaptionWord> close = new ArrayList<>(said(0, "x."));
        close.addAll(said(0.5, "y"));
        assertThat(CueBuilder.cues(close, 4).get(0).end()).as("held until the next starts").isCloseTo(0.5, within(1e-9));
    }

    @Test
    void blankWordsAreSkippedAndWordsTrimmed() {
        List<Cue> cues = CueBuilder.cues(List.of(new CaptionWord(" a ", 0, 1), new CaptionWord(" ", 1, 1.1),
                new CaptionWord("b", 1.1, 1.3)), 4);
        assertThat(lines(cues)).containsExactly(List.of("a", "b"));
    }
}
