package dev.moviola.movie;

/**
 * A waveform of the sound playing where it is (its scene, or the movie for a movie-level one): the final mix of
 * voices, music and videos' sound, drawn as it plays. Its box defaults to the whole frame; it has no sound of its own.
 *
 * @param color     the waveform's colour
 * @param amplitude how tall the waveform is drawn, 0–10 (5: a full-scale sound reaches the box's top and bottom)
 */
public record AudiogramElement(Location where, String id, Timing timing, Visual visual, Color color, double amplitude,
        boolean cache) implements VisualElement {

    /** JSON2Video's default: a half-transparent waveform. */
    public static final double DEFAULT_OPACITY = 0.5;
    public static final double DEFAULT_AMPLITUDE = 5;

    @Override
    public AudiogramElement withTiming(Timing timing) {
        return new AudiogramElement(where, id, timing, visual, color, amplitude, cache);
    }

    @Override
    public String type() {
        return "audiogram";
    }

    @Override
    public boolean showsSound() {
        return true;
    }
}
