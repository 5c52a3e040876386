package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.component.ComponentDefinition;
import dev.moviola.movie.component.ComponentDefinition.Group;
import dev.moviola.movie.component.ComponentLibrary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a component element: finds its definition in the library, checks its settings groups and their keys
 * against it (an unknown group is an error, a key the group does not take a warning that names those it takes), and
 * fills in the defaults.
 */
final class ComponentReader {
    private final ComponentLibrary library;

    ComponentReader(ComponentLibrary library) {
        this.library = library;
    }

    Optional<Element> read(Fields f, Location path, String id, Timing timing, Visual visual, boolean cache) {
        JsonNode rawSettings = f.raw("settings");
        Optional<String> written = f.requiredText("component", "a component id such as \"basic/000\"; "
                + "`moviola components` lists them");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        String cid = written.get().trim().toLowerCase(Locale.ROOT);
        Optional<ComponentDefinition> found = library.get(cid);
        if (found.isEmpty()) {
            f.error("component", Fields.quote(written.get()) + " is not a component" + closeIds(cid)
                    + "; `moviola components` lists every id");
            return Optional.empty();
        }
        ComponentDefinition def = found.get();
        if (def.refused() != null) {
            f.error("component", cid + " cannot be drawn by this version of Moviola: " + def.refused());
            return Optional.empty();
        }
        Location at = path.key("settings");
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (Group g : def.orderedGroups()) {
            if (!def.numbered().containsKey(g.name())) {
                merged.set(g.name(), g.defaults().deepCopy());
            }
        }
        if (rawSettings != null && !rawSettings.isNull() && !rawSettings.isObject()) {
            f.error("settings", "expected an object of settings groups, e.g. {\"headline\": {\"text\": \"Hello\"}}, got "
                    + Fields.describe(rawSettings));
        } else if (rawSettings != null && rawSettings.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = rawSettings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                readGroup(f, def, at, e.getKey(), e.getValue(), merged);
            }
        }
        List<ComponentElement.Picture> pictures = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Group g = group(def, e.getKey());
            if (g == null || g.source() == null) {
                continue;
            }
            // "source" names the keys that may hold the picture, first found wins: "background-image,background".
            for (String key : g.source().split(",")) {
                JsonNode v = e.getValue().get(key.trim());
                String text = v == null || !v.isTextual() ? "" : v.asText().trim();
                boolean picture = key.trim().equals("src") || text.toLowerCase(Locale.ROOT).startsWith("url(");
                String url = picture ? unwrapUrl(text) : "";
                if (!url.isBlank()) {
                    ((ObjectNode) e.getValue()).put(key.trim(), url);
                    pictures.add(new ComponentElement.Picture(e.getKey(), key.trim(), url));
                    break;
                }
            }
        }
        return Optional.of(new ComponentElement(path, id, timing, visual, cid, merged, def.draws().deepCopy(), pictures,
                cache));
    }

    private void readGroup(Fields f, ComponentDefinition def, Location at, String name, JsonNode value,
            ObjectNode merged) {
        if (!name.isEmpty() && "@?$%&_".indexOf(name.charAt(0)) >= 0) {
            return;
        }
        Group g = group(def, name);
        String target = def.aliases().getOrDefault(name, name);
        if (g == null) {
            List<String> names = groupNames(def);
            String close = Suggest.closest(name, names).map(s -> "did you mean \"" + s + "\"? ").orElse("");
            f.report(List.of(Problem.error(at.at(name), "\"" + name + "\" is not a settings group of " + def.id() + "; "
                    + close + "its groups are: " + String.join(", ", names))));
            return;
        }
        ObjectNode into = merged.has(target) ? (ObjectNode) merged.get(target) : g.defaults().deepCopy();
        merged.set(target, into);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual() || value.isNumber() || value.isArray()) {
            if (g.textKey() == null) {
                f.report(List.of(Problem.error(at.at(name), "expected an object of " + g.name() + "'s settings, e.g. {\""
                        + g.accepts().get(0) + "\": …}, got " + Fields.describe(value))));
                return;
            }
            // JSON2Video also takes a group's text as a flat value: "headline": "FOR SALE" is headline.text.
            into.set(g.textKey(), value.isNumber() ? JsonNodeFactory.instance.textNode(value.asText()) : value.deepCopy());
            return;
        }
        if (!value.isObject()) {
            f.report(List.of(Problem.error(at.at(name), "expected an object of " + g.name() + "'s settings, got "
                    + Fields.describe(value))));
            return;
        }
        Location groupAt = at.key(name);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!key.isEmpty() && "@?$%&_".indexOf(key.charAt(0)) >= 0) {
                continue;
            }
            if (!g.accepts().contains(key)) {
                String close = Suggest.closest(key, g.accepts()).map(s -> "did you mean \"" + s + "\"? ").orElse("");
                f.report(List.of(Problem.warning(groupAt.at(key), "is not a setting " + def.id() + "'s " + g.name()
                        + " takes, ignored; " + close + "it takes: " + String.join(", ", g.accepts()))));
                continue;
            }
            JsonNode v = e.getValue();
            if (key.equals("easing") && !easing(f, groupAt.at(key), v)) {
                continue;
            }
            if (key.equals("animate") && v.isObject()) {
                checkAnimate(f, g, groupAt.key(key), v);
            }
            if (key.endsWith("color") && v.isTextual() && !v.asText().isBlank() && Color.parse(v.asText()).isEmpty()) {
                f.report(List.of(Problem.error(groupAt.at(key), Fields.quote(v.asText()) + " is not a colour; "
                        + Color.syntaxHint())));
                continue;
            }
            into.set(key, v.deepCopy());
        }
    }

    private static final List<String> ANIMATED = List.of("duration", "easing", "delay", "left", "top", "width", "height",
            "rotate", "opacity");

    /** An animate block: the keys a shape can move to (and its timing); an easing that exists. */
    private static void checkAnimate(Fields f, Group g, Location at, JsonNode block) {
        List<String> takes = new ArrayList<>(ANIMATED);
        for (String extra : List.of("points", "fill")) {
            if (g.accepts().contains(extra)) {
                takes.add(extra);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!takes.contains(e.getKey())) {
                String close = Suggest.closest(e.getKey(), takes).map(s -> "did you mean \"" + s + "\"? ").orElse("");
                f.report(List.of(Problem.warning(at.at(e.getKey()), "is not something an animate block moves, ignored; "
                        + close + "it takes: " + String.join(", ", takes))));
            } else if (e.getKey().equals("easing")) {
                easing(f, at.at("easing"), e.getValue());
            }
        }
    }

    private static boolean easing(Fields f, String at, JsonNode v) {
        if (v.isTextual() && !v.asText().isBlank() && Easing.parse(v.asText()).isEmpty()) {
            String close = Suggest.closest(v.asText(), Easing.names()).map(s -> "did you mean \"" + s + "\"? ").orElse("");
            f.report(List.of(Problem.error(at, Fields.quote(v.asText()) + " is not an easing; " + close
                    + "use an anime.js easing such as easeOutQuad, easeInOutCubic, easeOutElastic(1, .5) or linear")));
            return false;
        }
        return true;
    }

    /** The group a settings key names: itself, an alias, or a numbered copy ({@code rectangle3}). */
    private static Group group(ComponentDefinition def, String name) {
        String target = def.aliases().getOrDefault(name, name);
        Group g = def.groups().get(target);
        if (g != null && !def.numbered().containsKey(target)) {
            return g;
        }
        for (Map.Entry<String, Integer> n : def.numbered().entrySet()) {
            if (name.startsWith(n.getKey()) && name.length() > n.getKey().length()) {
                String digits = name.substring(n.getKey().length());
                if (digits.matches("[1-9][0-9]?") && Integer.parseInt(digits) <= n.getValue()) {
                    return def.groups().get(n.getKey());
                }
            }
        }
        return null;
    }

    private static List<String> groupNames(ComponentDefinition def) {
        Set<String> names = new LinkedHashSet<>();
        for (Group g : def.orderedGroups()) {
            Integer n = def.numbered().get(g.name());
            if (n == null) {
                names.add(g.name());
            } else {
                names.add(g.name() + "1");
                names.add(g.name() + "2");
                names.add(g.name() + "…" + n);
            }
        }
        names.addAll(def.aliases().keySet());
        return List.copyOf(names);
    }

    private String closeIds(String id) {
        List<String> ids = library.ids();
        Set<String> close = new LinkedHashSet<>();
        Suggest.closest(id, ids).ifPresent(close::add);
        String pack = id.contains("/") ? id.substring(0, id.indexOf('/') + 1) : id;
        ids.stream().filter(i -> i.startsWith(pack)).limit(12).forEach(close::add);
        if (close.isEmpty()) {
            ids.stream().limit(12).forEach(close::add);
        }
        return "; close ids: " + String.join(", ", close);
    }

    /** {@code url(https://…)} (a CSS background) or a plain URL: the URL. */
    static String unwrapUrl(String v) {
        String s = v.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("url(") && s.endsWith(")")) {
            s = s.substring(4, s.length() - 1).trim();
            if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
                s = s.substring(1, s.length() - 1);
            }
        }
        return s;
    }
}
