package dev.moviola.asset.speech;

/**
 * Speech or transcription could not be had. The message is for people and never holds a key; {@link #passing()}
 * says whether trying again later may succeed (a timeout, a provider that was busy), as opposed to a request that
 * will fail the same way (a refused key, an unknown voice).
 */
public final class SpeechException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean passing;

    public SpeechException(String message, boolean passing, Throwable cause) {
        super(message, cause);
        this.passing = passing;
    }

    public SpeechException(String message) {
        this(message, false, null);
    }

    public boolean passing() {
        return passing;
    }
}
