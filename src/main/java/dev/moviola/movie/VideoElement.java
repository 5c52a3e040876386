package dev.moviola.movie;

/** A video clip; its sound, unless muted, joins the movie's audio mix. */
public record VideoElement(String path, String id, Timing timing, Visual visual, String src, Playback playback,
        boolean cache) implements VisualElement {
    @Override
    public String type() {
        return "video";
    }
}
