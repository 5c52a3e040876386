package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A picture (JPEG, PNG, WebP, BMP, TIFF, GIF — an animated GIF plays) from a URL or a local path, or made by an image
 * provider from a prompt.
 *
 * @param src     the URL or path; for an AI image, the name of its generated source ({@code image:3f2a…})
 * @param request for an AI image, what its provider is asked for ({@link ImagePrompt#request}); null otherwise
 */
public record ImageElement(Location where, String id, Timing timing, Visual visual, String src,
        JsonNode request, boolean cache)
        implements VisualElement, Sourced, Lasting, ShowsMedia {

    /** A picture from a URL or a path. */
    public ImageElement(Location where, String id, Timing timing, Visual visual, String src, boolean cache) {
        this(where, id, timing, visual, src, null, cache);
    }

    /** An AI image: the picture its provider makes for {@code request}, once for equal requests. */
    static ImageElement generated(Location where, String id, Timing timing, Visual visual,
            ObjectNode request, boolean cache) {
        return new ImageElement(where, id, timing, visual, ImagePrompt.source(request, "").src(), request, cache);
    }

    /** An animated picture plays its frames with their own timing and starts again at the end. */
    private static final Playback ANIMATION = new Playback(0, Playback.FOREVER, 1, true);

    @Override
    public ImageElement withTiming(Timing timing) {
        return new ImageElement(where, id, timing, visual, src, request, cache);
    }

    @Override
    public String type() {
        return "image";
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>();
        all.add(request != null
                ? new Source(src, where.at("prompt"), Source.Need.PICTURE, ImagePrompt.KIND, request)
                : new Source(src, where.at("src"), Source.Need.PICTURE));
        all.addAll(visual.maskSources(where));
        return all;
    }

    @Override
    public ImageElement withSources(UnaryOperator<String> rename) {
        return new ImageElement(where, id, timing, visual.withSources(rename), request != null ? src : rename.apply(src),
                request, cache);
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
