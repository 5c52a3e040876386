package dev.moviola.movie;

/** A sound (music, effect) in a scene, or over the whole movie when placed at movie level. */
public record AudioElement(Location where, String id, Timing timing, String src, Playback playback, boolean cache)
        implements Element {
    @Override
    public AudioElement withTiming(Timing timing) {
        return new AudioElement(where, id, timing, src, playback, cache);
    }

    @Override
    public String type() {
        return "audio";
    }
}
