package dev.moviola.movie;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Text laid out and wrapped inside the element's box.
 *
 * @param style the {@link TextStyle}'s code ({@code "001"}: static), three digits
 */
public record TextElement(Location where, String id, Timing timing, Visual visual, String text, String style,
        TextSettings settings, boolean cache) implements VisualElement, Sourced {

    @Override
    public TextElement withTiming(Timing timing) {
        return new TextElement(where, id, timing, visual, text, style, settings, cache);
    }

    @Override
    public String type() {
        return "text";
    }

    /** Its {@code font-url}, when it has one. */
    @Override
    public List<Source> sources() {
        return settings.fontUrl() == null ? List.of()
                : List.of(new Source(settings.fontUrl(), where.key("settings").at("font-url"), Source.Need.FILE));
    }

    @Override
    public TextElement withSources(UnaryOperator<String> rename) {
        return settings.fontUrl() == null ? this
                : new TextElement(where, id, timing, visual, text, style, settings.withFontUrl(rename.apply(settings.fontUrl())), cache);
    }

    @Override
    public boolean usesFonts() {
        return true;
    }

    @Override
    public String summary() {
        String s = text.replace("\n", "⏎");
        return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
    }
}
