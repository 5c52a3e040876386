package dev.moviola.plan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.movie.Element;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Scene;
import dev.moviola.movie.Timing;
import dev.moviola.template.Deferred;
import dev.moviola.template.Expander;
import dev.moviola.template.ExpressionException;
import dev.moviola.template.Expansion;
import dev.moviola.template.TemplateString;
import dev.moviola.template.UndefinedVariableException;
import dev.moviola.template.Values;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Resolves {@code <id>_start}, {@code <id>_end}, {@code <id>_duration} and {@code <id>_extratime} (seconds,
 * relative to the element's container) once the sources' lengths are known, so that a video's or a sound's
 * real length can place other elements: {@code "start": "{{ intro_end }}"}.
 *
 * <p>Evaluation is lazy: a variable computes its element's slot, which may need other deferred values, which
 * may need other variables; a chain that comes back to itself is a cycle, reported with the chain. An
 * element's container length is consulted only when its own duration needs it ({@code -2}, or {@code -1}
 * without a length of its own), so sequencing elements inside an auto-length scene is not a cycle.
 */
public final class TimingVariables {
    /** Values a deferred field stands in for while the document is first validated. */
    private static final Map<String, JsonNode> PLACEHOLDERS = Map.ofEntries(
            Map.entry("start", IntNode.valueOf(0)), Map.entry("duration", IntNode.valueOf(-1)),
            Map.entry("extra-time", IntNode.valueOf(0)), Map.entry("fade-in", IntNode.valueOf(0)),
            Map.entry("fade-out", IntNode.valueOf(0)), Map.entry("seek", IntNode.valueOf(0)),
            Map.entry("loop", IntNode.valueOf(1)), Map.entry("volume", IntNode.valueOf(1)),
            Map.entry("opacity", IntNode.valueOf(1)), Map.entry("x", IntNode.valueOf(0)),
            Map.entry("y", IntNode.valueOf(0)), Map.entry("width", IntNode.valueOf(-1)),
            Map.entry("height", IntNode.valueOf(-1)), Map.entry("z-index", IntNode.valueOf(0)));
    private static final Set<String> SOURCES = Set.of("src", "font-url", "id");

    private final Movie draft;
    private final Map<String, Deferred> byPointer = new HashMap<>();
    private final Map<String, Object> values = new HashMap<>();
    private final Deque<String> chain = new ArrayDeque<>();
    /** The one timeline solver, asking this for the elements' timing as the variables resolve it. */
    private final Timeline timeline;

    private TimingVariables(Expansion expansion, Movie draft, Assets assets) {
        this.draft = draft;
        expansion.deferred().forEach(d -> byPointer.put(d.pointer().toString(), d));
        this.timeline = new Timeline(draft, new Timeline.Inputs() {
            @Override
            public double sceneDuration(int scene) {
                return number("/scenes/" + scene + "/duration", draft.scenes().get(scene).duration());
            }

            @Override
            public Element resolved(Element e) {
                return TimingVariables.this.resolved(e);
            }

            @Override
            public Asset asset(Element e) {
                return assets.of(e);
            }
        });
    }

    /**
     * The expanded document with neutral stand-ins for deferred values, so it can be validated (and its
     * sources fetched) before timing is known. A source or id that waits for timing is refused.
     */
    public static JsonNode withPlaceholders(Expansion expansion) throws InvalidMovieException {
        JsonNode copy = expansion.document().deepCopy();
        List<Problem> problems = new ArrayList<>();
        for (Deferred d : expansion.deferred()) {
            String key = d.pointer().last().getMatchingProperty();
            if (SOURCES.contains(key)) {
                problems.add(Problem.error(d.where().toString(), "\"" + key + "\" cannot use element timing "
                        + "variables; they are known only after the sources are"));
                continue;
            }
            set(copy, d.pointer(), PLACEHOLDERS.getOrDefault(key, copy.at(d.pointer())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMovieException(problems);
        }
        return copy;
    }

    /**
     * The expanded document with every deferred value rendered.
     *
     * @param draft  the document as read with {@link #withPlaceholders placeholders}
     * @param assets its sources, probed
     */
    public static JsonNode resolve(Expansion expansion, Movie draft, Assets assets) throws InvalidMovieException {
        TimingVariables t = new TimingVariables(expansion, draft, assets);
        JsonNode copy = expansion.document().deepCopy();
        List<Problem> problems = new ArrayList<>();
        for (Deferred d : expansion.deferred()) {
            try {
                set(copy, d.pointer(), Values.toJson(t.value(d)));
            } catch (Failure | Timeline.Cycle f) {
                problems.add(Problem.error(d.where().toString(), f.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMovieException(problems);
        }
        return copy;
    }

    /** Something about a timing variable that the author must fix. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Object value(Deferred d) {
        String key = d.pointer().toString();
        if (values.containsKey(key)) {
            return values.get(key);
        }
        Map<String, Object> timing = new HashMap<>();
        while (true) {
            try {
                Object v = TemplateString.parse(d.template()).render(d.scope().with(timing));
                values.put(key, v);
                return v;
            } catch (UndefinedVariableException e) {
                if (!Expander.TIMING.matcher(e.name()).matches() || timing.containsKey(e.name())) {
                    throw new Failure(e.getMessage());
                }
                timing.put(e.name(), variable(e.name(), d.scene()));
            } catch (ExpressionException e) {
                throw new Failure(e.getMessage());
            }
        }
    }

    private double variable(String name, int scene) {
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain);
            java.util.Collections.reverse(cycle);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new Failure("the timing variables form a cycle: " + String.join(" → ", cycle) + " → " + name);
        }
        Matcher m = Expander.TIMING.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name);
        }
        Element e = find(m.group(1), scene, name);
        chain.push(name);
        try {
            Slot slot = timeline.slot(e, sceneOf(e));
            return switch (m.group(2)) {
                case "start" -> slot.start();
                case "end" -> slot.start() + slot.play();
                case "duration" -> slot.play();
                default -> resolved(e).timing().extraTime();
            };
        } finally {
            chain.pop();
        }
    }

    /** The element with this id: in the same scene first, then at movie level, then in one other scene. */
    private Element find(String id, int scene, String name) {
        if (scene >= 0) {
            for (Element e : draft.scenes().get(scene).elements()) {
                if (id.equals(e.id())) {
                    return e;
                }
            }
        }
        for (Element e : draft.elements()) {
            if (id.equals(e.id())) {
                return e;
            }
        }
        List<Element> found = new ArrayList<>();
        for (Scene s : draft.scenes()) {
            s.elements().stream().filter(e -> id.equals(e.id())).forEach(found::add);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new Failure("undefined variable \"" + name + "\": no element has the id \"" + id + "\"");
        }
        throw new Failure("\"" + name + "\" is ambiguous: " + found.size() + " elements in other scenes have the id \""
                + id + "\"; give them different ids");
    }

    /** The element with its deferred timing fields rendered. */
    private Element resolved(Element e) {
        String base = pointerOf(e);
        Timing t = e.timing();
        double start = number(base + "/start", t.start());
        double duration = number(base + "/duration", t.duration());
        double extra = number(base + "/extra-time", t.extraTime());
        double fadeIn = number(base + "/fade-in", t.fadeIn());
        double fadeOut = number(base + "/fade-out", t.fadeOut());
        return e.withTiming(new Timing(start, duration, extra, fadeIn, fadeOut));
    }

    /** A timing field: its deferred value once rendered, else what the draft read. */
    private double number(String pointer, double typed) {
        Deferred d = byPointer.get(pointer);
        if (d == null) {
            return typed;
        }
        Object v = value(d);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(Values.text(v).trim());
        } catch (NumberFormatException ex) {
            throw new Failure(d.where() + " must be a number of seconds, got " + Values.quote(Values.text(v)));
        }
    }

    private int sceneOf(Element e) {
        for (int i = 0; i < draft.scenes().size(); i++) {
            for (Element x : draft.scenes().get(i).elements()) {
                if (x == e) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Where an element of the draft is in the expanded document, as a JSON pointer. */
    private String pointerOf(Element e) {
        for (int i = 0; i < draft.scenes().size(); i++) {
            List<Element> es = draft.scenes().get(i).elements();
            for (int j = 0; j < es.size(); j++) {
                if (es.get(j) == e) {
                    return "/scenes/" + i + "/elements/" + j;
                }
            }
        }
        return "/elements/" + draft.elements().indexOf(e);
    }

    private static void set(JsonNode root, JsonPointer pointer, JsonNode value) {
        JsonNode parent = root.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(pointer.last().getMatchingIndex(), value);
        }
    }
}
