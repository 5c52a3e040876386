package dev.moviola.asset.speech;

import java.nio.file.Path;

/**
 * A text-to-speech engine: the local one or a cloud provider, behind one seam. Implementations are thread-safe; each
 * request has its own timeout, and a provider's passing failures (429, 5xx, no answer) are retried with backoff.
 */
public interface SpeechEngine {

    /**
     * What, besides the request, decides the audio it makes: the engine, its version or model, its voice mapping.
     * Part of the element cache's key, so a changed engine synthesises anew. Never holds a key.
     */
    String identity();

    /**
     * Synthesises {@code request} into a file in {@code dir}.
     *
     * @throws SpeechException with a message for people, naming the setting to fix when it is a configuration
     *                         matter (a missing or refused key); never holding a key
     */
    Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException;
}
