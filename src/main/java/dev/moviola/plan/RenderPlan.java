package dev.moviola.plan;

import dev.moviola.movie.Problem;
import java.util.List;

/**
 * Everything needed to render a movie, as plain data: the output, every scene with its layers on the frame
 * grid, and the movie's sounds on one timeline. Rendering a scene needs nothing but its {@link ScenePlan}
 * and {@link #output()}.
 *
 * @param frames   length of the whole movie in frames
 * @param warnings things worth telling the author (elements that never show, sources cut short, …)
 */
public record RenderPlan(Output output, List<ScenePlan> scenes, List<AudioTrack> audio, long frames,
        List<Problem> warnings) {

    public RenderPlan {
        scenes = List.copyOf(scenes);
        audio = List.copyOf(audio);
        warnings = List.copyOf(warnings);
    }

    public double duration() {
        return output.fps().timeOf(frames);
    }
}
