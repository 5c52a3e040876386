package dev.moviola.movie;

/** A still picture (JPEG, PNG, WebP, BMP, static GIF) from a URL or a local path. */
public record ImageElement(String path, String id, Timing timing, Visual visual, String src, boolean cache)
        implements VisualElement {
    @Override
    public String type() {
        return "image";
    }
}
