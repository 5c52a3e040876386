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
 * @param fingerprints what identifies the movie, each scene and each element for caching; null until computed
 */
public record RenderPlan(Output output, List<ScenePlan> scenes, List<AudioTrack> audio, long frames,
        List<Problem> warnings, boolean cache, boolean reuseMovie, Fingerprints fingerprints) {

    public RenderPlan {
        scenes = List.copyOf(scenes);
        audio = List.copyOf(audio);
        warnings = List.copyOf(warnings);
    }

    public RenderPlan withFingerprints(Fingerprints f) {
        return new RenderPlan(output, scenes, audio, frames, warnings, cache, reuseMovie, f);
    }

    /** Whether a cached mix of the movie's sound may be used: not when the movie or one of its sounds says {@code cache: false}. */
    public boolean reuseSound() {
        return cache && audio.stream().allMatch(AudioTrack::cache);
    }

    public double duration() {
        return output.fps().timeOf(frames);
    }
}
