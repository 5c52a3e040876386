package dev.moviola.movie;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A picture (JPEG, PNG, WebP, BMP, TIFF, GIF — an animated GIF plays) from a URL or a local path. */
public record ImageElement(Location where, String id, Timing timing, Visual visual, String src, boolean cache)
        implements VisualElement, Sourced, Lasting, ShowsMedia {
    /** An animated picture plays its frames with their own timing and starts again at the end. */
    private static final Playback ANIMATION = new Playback(0, Playback.FOREVER, 1, true);

    @Override
    public ImageElement withTiming(Timing timing) {
        return new ImageElement(where, id, timing, visual, src, cache);
    }

    @Override
    public String type() {
        return "image";
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>(List.of(new Source(src, where.at("src"), Source.Need.PICTURE)));
        all.addAll(visual.maskSources(where));
        return all;
    }

    @Override
    public ImageElement withSources(UnaryOperator<String> rename) {
        return new ImageElement(where, id, timing, visual.withSources(rename), rename.apply(src), cache);
    }

    /** A still has no length; an animated picture lasts one play of its frames. */
    @Override
    public double ownLength(MediaLength source) {
        return source.animated() ? source.picture() : Double.NaN;
    }

    @Override
    public Playback picturePlayback() {
        return ANIMATION;
    }

    @Override
    public boolean picture() {
        return true;
    }
}
