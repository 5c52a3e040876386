package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.Easing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parts placed freely in the element's box by {@code left, top, width, height} (percent of the box, or px): the
 * elastic box (basic/100), shape/rectangle's, shape/polygon's, shape/cutout's and shape/3dbox's shapes.
 */
final class Free {
    private Free() {
    }

    static List<Piece> place(JsonNode part, Parts parts) {
        String kind = part.path("kind").asText();
        String group = part.path("group").asText();
        return switch (kind) {
            case "box" -> List.of(elastic(parts.css(group), parts));
            case "rects" -> numbered(parts, group).stream().map(g -> Shapes.rectangle(parts.css(g), parts)).toList();
            case "textboxes" -> numbered(parts, group).stream().map(g -> Textbox.piece(parts.css(g), parts)).toList();
            case "polygons" -> numbered(parts, group).stream().map(g -> Shapes.polygon(parts.css(g), parts)).toList();
            case "cutout" -> List.of(Shapes.cutout(parts.css(group), parts.css(part.path("background").asText()),
                    parts.picture(part.path("background").asText()), parts));
            case "3dbox" -> List.of(Box3d.piece(parts));
            default -> throw new IllegalArgumentException("a free component part of kind \"" + kind
                    + "\" does not exist; kinds: box, rects, textboxes, polygons, cutout, 3dbox");
        };
    }

    /** The groups {@code prefix1 … prefix10} the element has, in number order. */
    static List<String> numbered(Parts parts, String prefix) {
        Map<Integer, String> found = new TreeMap<>();
        parts.settings().fieldNames().forEachRemaining(k -> {
            if (k.startsWith(prefix) && k.substring(prefix.length()).matches("[0-9]{1,2}")) {
                found.put(Integer.parseInt(k.substring(prefix.length())), k);
            }
        });
        return List.copyOf(found.values());
    }

    /** basic/100: a box going from its initial_* to its final_* place and size. */
    private static Piece elastic(Css box, Parts parts) {
        ObjectNode start = JsonNodeFactory.instance.objectNode();
        ObjectNode end = JsonNodeFactory.instance.objectNode();
        for (String k : List.of("left", "top", "width", "height")) {
            start.put(k, box.text("initial_" + k, k.equals("width") || k.equals("height") ? "100%" : "0%"));
            end.put(k, box.text("final_" + k, start.get(k).asText()));
        }
        ObjectNode group = box.group() == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) box.group()).deepCopy();
        group.setAll(start);
        end.put("duration", box.text("duration", "1000"));
        end.put("easing", box.text("easing", "easeOutElastic"));
        group.set("animate", end);
        return Shapes.rectangle(new Css(group, parts.boxWidth(), parts.boxHeight()), parts);
    }

    /** The easing named in an animate block, or the default; never fails (the reader checked it). */
    static Easing easing(String name, String fallback) {
        return Easing.parse(name == null || name.isBlank() ? fallback : name).orElse(Easing.of(fallback));
    }
}
