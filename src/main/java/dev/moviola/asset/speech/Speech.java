package dev.moviola.asset.speech;

import java.nio.file.Path;
import java.util.List;

/**
 * Synthesised speech: its audio file, and when each word is said when the engine tells (else null, and the words
 * are found by aligning the text to the audio).
 */
public record Speech(Path audio, List<TimedWord> words) {
    public Speech {
        words = words == null ? null : List.copyOf(words);
    }
}
