package dev.moviola.movie;

/** Text laid out and wrapped inside the element's box. */
public record TextElement(Location where, String id, Timing timing, Visual visual, String text, TextSettings settings,
        boolean cache) implements VisualElement {
    @Override
    public TextElement withTiming(Timing timing) {
        return new TextElement(where, id, timing, visual, text, settings, cache);
    }

    @Override
    public String type() {
        return "text";
    }
}
