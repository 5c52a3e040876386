package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** espeak-ng's word events → the words of the text. Pure: synthetic events and audio. */
class WordTimesTest {
    private static final int RATE = 1000; // a sample a millisecond keeps the numbers readable

    /** Sound (a square wave) in the given [from, to) millisecond ranges, silence elsewhere. */
    private static short[] sound(int length, int... ranges) {
        short[] s = new short[length];
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i < ranges[r + 1]; i++) {
                s[i] = (short) ((i & 1) == 0 ? 8000 : -8000);
            }
        }
        return s;
    }

    private static WordTimes.Event at(int position, int ms) {
        return new WordTimes.Event(position, ms);
    }

    @Test
    void tokensCountCodePoints() {
        List<WordTimes.Token> t = WordTimes.tokens("  🎬🎬 Café,\tnaïve\u00a0über  ");
        assertThat(t).extracting(WordTimes.Token::text).containsExactly("🎬🎬", "Café,", "naïve", "über");
        assertThat(t).extracting(WordTimes.Token::begin).containsExactly(2, 5, 11, 17);
        assertThat(t).extracting(WordTimes.Token::end).containsExactly(4, 10, 16, 21);
    }

    @Test
    void eventsStartTheirWordsAndSoundEndsThem() {
        // "Hello, world" — the pause after the comma belongs to neither word
        short[] pcm = sound(1200, 0, 400, 600, 1100);
        List<TimedWord> w = WordTimes.words("Hello, world", List.of(at(1, 0), at(8, 600)), pcm, RATE);
        assertThat(w).extracting(TimedWord::text).containsExactly("Hello,", "world");
        assertThat(w.get(0).start()).isEqualTo(0);
        assertThat(w.get(0).end()).isCloseTo(0.400, within(0.006));
        assertThat(w.get(1).start()).isCloseTo(0.600, within(1e-9));
        assertThat(w.get(1).end()).isCloseTo(1.100, within(0.006));
    }

    @Test
    void anEventBeforeAPauseMovesToTheSound() {
        // espeak-ng's event for "world" comes where the pause after the comma begins
        short[] pcm = sound(1200, 0, 400, 600, 1100);
        List<TimedWord> w = WordTimes.words("Hello, world", List.of(at(1, 0), at(8, 400)), pcm, RATE);
        assertThat(w.get(1).start()).isCloseTo(0.600, within(0.006));
    }

    @Test
    void severalEventsInOneTokenAndEventsInSpacesOrLagging() {
        // "In 1998 we" — the number is said as three words; their positions lag inside it (as espeak-ng's do);
        // an event in the space before "we" belongs to "we"
        short[] pcm = sound(2000, 0, 200, 250, 1400, 1500, 1900);
        List<TimedWord> w = WordTimes.words("In 1998 we",
                List.of(at(1, 0), at(4, 250), at(5, 700), at(5, 1000), at(8, 1500)), pcm, RATE);
        assertThat(w).extracting(TimedWord::text).containsExactly("In", "1998", "we");
        assertThat(w.get(1).start()).isCloseTo(0.250, within(1e-9));
        assertThat(w.get(1).end()).isCloseTo(1.400, within(0.006));
        assertThat(w.get(2).start()).isCloseTo(1.500, within(1e-9));
    }

    @Test
    void aTokenWithoutAnEventTakesNoTime() {
        short[] pcm = sound(1000, 0, 300, 500, 900);
        List<TimedWord> w = WordTimes.words("yes — no", List.of(at(1, 0), at(7, 500)), pcm, RATE);
        assertThat(w).extracting(TimedWord::text).containsExactly("yes", "—", "no");
        assertThat(w.get(1).start()).isEqualTo(w.get(1).end()).isEqualTo(w.get(0).end());
        // one at the start takes the place where the first word starts
        List<TimedWord> v = WordTimes.words("— no", List.of(at(3, 500)), pcm, RATE);
        assertThat(v.get(0).start()).isEqualTo(v.get(0).end()).isEqualTo(v.get(1).start());
    }

    @Test
    void positionsCountCodePointsNotUnits() {
        // three emoji (six UTF-16 units) before "ab": its event says position 5 (code points)
        short[] pcm = sound(1000, 0, 300, 400, 900);
        List<TimedWord> w = WordTimes.words("🎬🎬🎬 ab", List.of(at(1, 0), at(5, 400)), pcm, RATE);
        assertThat(w.get(1).start()).isCloseTo(0.400, within(1e-9));
        assertThat(w.get(1).end()).isGreaterThan(0.85);
    }

    @Test
    void eventsPastTheEndBelongToTheLastWord() {
        short[] pcm = sound(1000, 0, 900);
        List<TimedWord> w = WordTimes.words("one two", List.of(at(1, 0), at(5, 400), at(99, 700)), pcm, RATE);
        assertThat(w.get(1).start()).isCloseTo(0.400, within(1e-9));
        assertThat(w.get(1).end()).isCloseTo(0.900, within(0.006));
    }
}
