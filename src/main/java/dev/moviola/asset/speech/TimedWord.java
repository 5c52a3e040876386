package dev.moviola.asset.speech;

/**
 * A word of speech and when it is said, in seconds from the start of its audio.
 *
 * @param text the word as written (with the punctuation that clings to it)
 */
public record TimedWord(String text, double start, double end) {
}
