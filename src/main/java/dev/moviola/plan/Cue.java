package dev.moviola.plan;

import java.util.List;

/**
 * One caption on screen: the words of one line (or of a caption file's entry), each with when it is said, shown from
 * {@code start} to {@code end} (movie seconds).
 */
public record Cue(double start, double end, List<CaptionWord> words) {
    public Cue {
        words = List.copyOf(words);
    }
}
