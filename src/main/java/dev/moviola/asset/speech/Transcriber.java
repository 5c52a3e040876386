package dev.moviola.asset.speech;

import java.nio.file.Path;
import java.util.List;

/** Speech-to-text with word timings: how captions are made for a movie that has neither captions nor voices. */
public interface Transcriber {

    /** What decides its output besides the audio (the service, its model): part of the element cache's key; never a key. */
    String identity();

    /**
     * The words said in {@code audio}, in order, each with when it is said (seconds from the audio's start).
     *
     * @param language the language of the speech ({@code en}, {@code en-US}), or null to let the service find out
     */
    List<TimedWord> transcribe(Path audio, String language) throws SpeechException, InterruptedException;
}
