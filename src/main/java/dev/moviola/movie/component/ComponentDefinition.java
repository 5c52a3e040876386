package dev.moviola.movie.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One component of the library as its definition file describes it: what it is, how long its intro lasts, its
 * settings groups (defaults and the keys each accepts) and what it draws ({@code draws}: parts whose parameters may
 * refer to the settings as {@code "$group.key"}).
 *
 * @param id          {@code pack/name}, e.g. {@code basic/050}
 * @param intro       seconds its animation lasts in JSON2Video's catalogue (informative: what moves is in {@code draws})
 * @param groups      settings groups by name, in the file's order
 * @param aliases     other names accepted for a group ({@code subline} → {@code body})
 * @param numbered    groups that may repeat as {@code name1 … nameN} (shape/rectangle's {@code rectangle1…10}), with N
 * @param refused     when not null, the component cannot be drawn by this version: the reason, given at its path
 * @param origin      where the definition was read from (a resource or a user's file), for messages
 */
public record ComponentDefinition(String id, String description, double intro, Map<String, Group> groups,
        Map<String, String> aliases, Map<String, Integer> numbered, JsonNode draws, String refused, String origin) {

    public ComponentDefinition {
        groups = Map.copyOf(groups);
        aliases = Map.copyOf(aliases);
        numbered = Map.copyOf(numbered);
    }

    /**
     * A settings group.
     *
     * @param defaults what it holds unless the document says otherwise
     * @param accepts  the keys it takes: those of its defaults and any others it reads
     * @param order    its position in the definition file (groups are listed in this order)
     * @param source   the key holding a picture to fetch ({@code src}), or null
     * @param textKey  the key a flat string sets ({@code "headline": "FOR SALE"} ⇒ {@code text}), or null
     */
    public record Group(String name, ObjectNode defaults, List<String> accepts, int order, String source,
            String textKey, String description) {
        public Group {
            accepts = List.copyOf(accepts);
        }
    }

    /** The groups in their file order. */
    public List<Group> orderedGroups() {
        return groups.values().stream().sorted(java.util.Comparator.comparingInt(Group::order)).toList();
    }
}
