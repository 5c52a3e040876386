package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A component from the library ({@code basic/050}, {@code shape/rectangle}…): its settings groups with the
 * definition's defaults filled in, and what its definition draws, carried along so that a render plan holds
 * everything needed to draw it on any machine.
 *
 * @param component the id, e.g. {@code basic/050}
 * @param settings  every group of the definition: the document's values over the defaults
 * @param draws     the definition's parts and their motion
 * @param pictures  the pictures it shows (an avatar, a background), fetched like any source
 */
public record ComponentElement(Location where, String id, Timing timing, Visual visual, String component,
        ObjectNode settings, JsonNode draws, List<Picture> pictures, boolean cache)
        implements VisualElement, Sourced {

    public ComponentElement {
        pictures = List.copyOf(pictures);
    }

    /** A picture the component shows: {@code settings.<group>.<key>} holds its URL. */
    public record Picture(String group, String key, String src) {
    }

    @Override
    public ComponentElement withTiming(Timing timing) {
        return new ComponentElement(where, id, timing, visual, component, settings, draws, pictures, cache);
    }

    @Override
    public String type() {
        return "component";
    }

    @Override
    public List<Source> sources() {
        return pictures.stream().map(p -> new Source(p.src(), where.key("settings").key(p.group()).at(p.key()),
                Source.Need.PICTURE)).toList();
    }

    @Override
    public ComponentElement withSources(UnaryOperator<String> rename) {
        ObjectNode s = settings.deepCopy();
        List<Picture> renamed = new ArrayList<>();
        for (Picture p : pictures) {
            String to = rename.apply(p.src());
            ((ObjectNode) s.get(p.group())).put(p.key(), to);
            renamed.add(new Picture(p.group(), p.key(), to));
        }
        return new ComponentElement(where, id, timing, visual, component, s, draws, renamed, cache);
    }

    @Override
    public boolean usesFonts() {
        return true;
    }

    @Override
    public String summary() {
        return component;
    }
}
