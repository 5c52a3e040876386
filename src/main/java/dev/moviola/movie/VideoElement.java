package dev.moviola.movie;

/** A video clip; its sound, unless muted, joins the movie's audio mix. */
public record VideoElement(Location where, String id, Timing timing, Visual visual, String src, Playback playback,
        boolean cache) implements VisualElement {
    @Override
    public VideoElement withTiming(Timing timing) {
        return new VideoElement(where, id, timing, visual, src, playback, cache);
    }

    @Override
    public String type() {
        return "video";
    }
}
