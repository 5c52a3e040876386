package dev.moviola.movie;

/**
 * An element that captions the movie (or, written in one of several scenes, its scene): its captions come from a
 * file, from inline text, from the voices it covers, or by transcribing the sound.
 */
public interface Captioning {
    /** A URL or path of an SRT/VTT/ASS file, or null. */
    String captions();

    /** Inline SRT/VTT/ASS text, or null. */
    String inline();

    /** The language of the speech, or null to let a transcription find out. */
    String language();

    /** The transcription model asked for, or null. */
    String model();

    SubtitleSettings settings();

    /** Where it is in the document. */
    Location where();
}
