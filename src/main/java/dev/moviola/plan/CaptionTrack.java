package dev.moviola.plan;

/**
 * One subtitles element's captions and the part of the movie they cover (the whole movie, or the scene it was
 * written in). Captions from a file or from the movie's voices are known when planning; captions to transcribe from
 * the movie's sound are empty until the sound is mixed ({@link #transcription()} says how to make them).
 *
 * @param source        the subtitles element's JSON path, for messages
 * @param from          movie seconds where the covered part starts
 * @param to            movie seconds where it ends
 * @param transcription how to transcribe the movie's sound for these captions, or null when they are known
 */
public record CaptionTrack(String source, double from, double to, Captions captions, Transcription transcription) {

    /** Captions to be made by transcribing the movie's sound. */
    public record Transcription(String language, String model) {
    }

    /**
     * The captions a scene shows: the cues of the track covering it, cut to the scene's frames (a cue that crosses the
     * scene's edge is kept whole: the scene draws the part within its frames). Null when none.
     */
    static Captions forScene(java.util.List<CaptionTrack> tracks, ScenePlan scene, Output output) {
        double from = output.fps().timeOf(scene.startFrame());
        double to = output.fps().timeOf(scene.startFrame() + scene.frames());
        for (CaptionTrack t : tracks) {
            if (t.from() < to && t.to() > from) {
                Captions shown = t.captions().between(Math.max(from, t.from()), Math.min(to, t.to()));
                if (!shown.cues().isEmpty()) {
                    return shown;
                }
            }
        }
        return null;
    }

    /** The same track with its captions made. */
    public CaptionTrack withCaptions(Captions made) {
        return new CaptionTrack(source, from, to, made, null);
    }
}
