package dev.moviola.plan;

import dev.moviola.movie.Problem;
import java.util.List;

/**
 * Everything needed to render a movie, as plain data: the output, every scene with its layers on the frame
 * grid, and the movie's sounds on one timeline. Rendering a scene needs nothing but its {@link ScenePlan}
 * and {@link #output()}.
 *
 * @param frames       length of the whole movie in frames
 * @param warnings     things worth telling the author (elements that never show, sources cut short, …)
 * @param cache        the movie's own {@code cache} flag: false renders everything afresh (sources excepted)
 * @param reuseMovie   whether a cached movie may stand for this one: nothing in it says {@code cache: false}
 * @param captions     the movie's captions, one track per subtitles element (each scene carries the cues it shows)
 * @param fingerprints what identifies the movie, each scene and each element for caching; null until computed
 */
public record RenderPlan(Output output, List<ScenePlan> scenes, List<AudioTrack> audio, long frames,
        List<Problem> warnings, boolean cache, boolean reuseMovie, List<CaptionTrack> captions, Fingerprints fingerprints) {

    public RenderPlan {
        scenes = List.copyOf(scenes);
        audio = List.copyOf(audio);
        warnings = List.copyOf(warnings);
        captions = List.copyOf(captions);
    }

    /** The same plan with other captions (transcribed), each scene given the cues it shows. */
    public RenderPlan withCaptions(List<CaptionTrack> tracks) {
        List<ScenePlan> updated = scenes.stream().map(s -> s.withCaptions(CaptionTrack.forScene(tracks, s, output)))
                .toList();
        return new RenderPlan(output, updated, audio, frames, warnings, cache, reuseMovie, tracks, fingerprints);
    }

    /**
     * All the movie's captions as one track (the first subtitles element's look, every track's cues in time order),
     * as the captions file delivered with the movie has them; null when the movie has none.
     */
    public Captions allCaptions() {
        List<Cue> cues = captions.stream().flatMap(t -> t.captions().cues().stream())
                .sorted(java.util.Comparator.comparingDouble(Cue::start)).toList();
        return cues.isEmpty() ? null : new Captions(captions.get(0).captions().settings(), captions.get(0).captions().font(),
                cues, captions.get(0).source());
    }

    /** Whether some captions are still to be transcribed from the movie's sound. */
    public boolean needsTranscription() {
        return captions.stream().anyMatch(t -> t.transcription() != null);
    }

    public RenderPlan withFingerprints(Fingerprints f) {
        return new RenderPlan(output, scenes, audio, frames, warnings, cache, reuseMovie, captions, f);
    }

    /** Whether a cached mix of the movie's sound may be used: not when the movie or one of its sounds says {@code cache: false}. */
    public boolean reuseSound() {
        return cache && audio.stream().allMatch(AudioTrack::cache);
    }

    public double duration() {
        return output.fps().timeOf(frames);
    }
}
