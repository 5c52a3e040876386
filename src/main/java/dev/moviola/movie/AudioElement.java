package dev.moviola.movie;

import java.util.List;
import java.util.function.UnaryOperator;

/** A sound (music, effect) in a scene, or over the whole movie when placed at movie level. */
public record AudioElement(Location where, String id, Timing timing, String src, Playback playback, boolean cache)
        implements Element, Sourced, Lasting, Sounding {
    @Override
    public AudioElement withTiming(Timing timing) {
        return new AudioElement(where, id, timing, src, playback, cache);
    }

    @Override
    public String type() {
        return "audio";
    }

    @Override
    public List<Source> sources() {
        return List.of(new Source(src, where.at("src"), Source.Need.SOUND));
    }

    @Override
    public AudioElement withSources(UnaryOperator<String> rename) {
        return new AudioElement(where, id, timing, rename.apply(src), playback, cache);
    }

    /** Its sound's length after the seek, times its plays. */
    @Override
    public double ownLength(MediaLength source) {
        return playback.lengthOf(source.sound());
    }
}
