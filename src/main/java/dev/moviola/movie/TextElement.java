package dev.moviola.movie;

/** Text laid out and wrapped inside the element's box. */
public record TextElement(String path, String id, Timing timing, Visual visual, String text, TextSettings settings,
        boolean cache) implements VisualElement {
    @Override
    public String type() {
        return "text";
    }
}
