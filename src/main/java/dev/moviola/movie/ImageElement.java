package dev.moviola.movie;

/** A still picture (JPEG, PNG, WebP, BMP, static GIF) from a URL or a local path. */
public record ImageElement(Location where, String id, Timing timing, Visual visual, String src, boolean cache)
        implements VisualElement {
    @Override
    public ImageElement withTiming(Timing timing) {
        return new ImageElement(where, id, timing, visual, src, cache);
    }

    @Override
    public String type() {
        return "image";
    }
}
