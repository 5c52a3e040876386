package dev.moviola.movie;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A video clip; its sound, unless muted, joins the movie's audio mix. */
public record VideoElement(Location where, String id, Timing timing, Visual visual, String src, Playback playback,
        boolean cache) implements VisualElement, Sourced, Lasting, Sounding, ShowsMedia {
    @Override
    public VideoElement withTiming(Timing timing) {
        return new VideoElement(where, id, timing, visual, src, playback, cache);
    }

    @Override
    public String type() {
        return "video";
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>(List.of(new Source(src, where.at("src"), Source.Need.VIDEO)));
        all.addAll(visual.maskSources(where));
        return all;
    }

    @Override
    public VideoElement withSources(UnaryOperator<String> rename) {
        return new VideoElement(where, id, timing, visual.withSources(rename), rename.apply(src), playback, cache);
    }

    /** Its picture's length after the seek, times its plays. */
    @Override
    public double ownLength(MediaLength source) {
        return playback.lengthOf(source.picture());
    }

    @Override
    public Playback picturePlayback() {
        return playback;
    }

    @Override
    public boolean picture() {
        return false;
    }
}
