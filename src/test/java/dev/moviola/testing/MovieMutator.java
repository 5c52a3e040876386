package dev.moviola.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid movie document into a broken, odd or hostile one, deterministically from its {@link Random}:
 * values of another type, edge numbers, long and odd texts, missing, added and duplicated keys, deep nesting,
 * bad {@code {{ }}} templates and variables that feed them, and damage to the JSON text itself (number spellings
 * JSON does not have, duplicate keys, truncation). Most documents get one to four changes, so many stay close
 * enough to valid to reach templating, validation and planning.
 */
public final class MovieMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Values the JSON writer cannot make are written as these markers, then swapped for their text. */
    private static final String MARK = "@@raw";

    private final Random random;
    private final List<String> raw = new ArrayList<>();

    public MovieMutator(Random random) {
        this.random = random;
    }

    /** A mutated copy of {@code seed}, as JSON text. */
    public String mutate(JsonNode seed) {
        JsonNode doc = seed.deepCopy();
        int changes = random.nextBoolean() ? 1 : 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            doc = mutateTree(doc);
        }
        String text;
        try {
            text = JSON.writeValueAsString(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"" + MARK + i + "\"", raw.get(i));
        }
        return random.nextInt(10) == 0 ? mutateText(text) : text;
    }

    /** A place in the tree: a key of an object or an index of an array. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) parent).set(key, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    private static void slots(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                out.add(new Slot(node, k, -1));
                slots(node.get(k), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                slots(node.get(i), out);
            }
        }
    }

    private JsonNode mutateTree(JsonNode doc) {
        List<Slot> all = new ArrayList<>();
        slots(doc, all);
        if (all.isEmpty() || random.nextInt(50) == 0) {
            return random.nextBoolean() ? value(0) : NODES.objectNode().set("scenes", value(0));
        }
        Slot s = Hostile.pick(random, all);
        switch (random.nextInt(15)) {
            case 0, 1 -> s.set(value(0));
            case 2 -> s.set(NODES.nullNode());
            case 3 -> remove(s);
            case 4 -> duplicate(s);
            case 5 -> addKey(doc, all);
            case 6 -> s.set(random.nextBoolean() ? NODES.arrayNode().add(s.get()) : NODES.objectNode().set("value", s.get()));
            case 7, 8 -> s.set(template(s.get()));
            case 9 -> s.set(number());
            case 10 -> s.set(NODES.textNode(string()));
            case 11 -> s.set(deep());
            case 12 -> variable(doc, all);
            default -> s.set(gentle(s.get()));
        }
        return doc;
    }

    private void remove(Slot s) {
        if (s.key != null) {
            ((ObjectNode) s.parent).remove(s.key);
        } else {
            ((ArrayNode) s.parent).remove(s.index);
        }
    }

    /** Copies a value: into more items of its array (sometimes hundreds), or under another key. */
    private void duplicate(Slot s) {
        if (s.key != null) {
            ((ObjectNode) s.parent).set(Hostile.pick(random, Hostile.KEYS), s.get().deepCopy());
            return;
        }
        int copies = random.nextInt(8) == 0 ? 90 + random.nextInt(520) : 1 + random.nextInt(3);
        ArrayNode a = (ArrayNode) s.parent;
        for (int i = 0; i < copies; i++) {
            a.insert(s.index, s.get().deepCopy());
        }
    }

    private void addKey(JsonNode doc, List<Slot> all) {
        List<ObjectNode> objects = new ArrayList<>();
        if (doc instanceof ObjectNode o) {
            objects.add(o);
        }
        all.stream().map(Slot::get).filter(JsonNode::isObject).forEach(n -> objects.add((ObjectNode) n));
        if (!objects.isEmpty()) {
            Hostile.pick(random, objects).set(Hostile.pick(random, Hostile.KEYS), value(0));
        }
    }

    /** Defines a variable with an odd value (movie, scene or element level) and uses it somewhere. */
    private void variable(JsonNode doc, List<Slot> all) {
        List<ObjectNode> owners = new ArrayList<>();
        if (doc instanceof ObjectNode o) {
            owners.add(o);
        }
        all.stream().map(Slot::get).filter(n -> n.isObject() && (n.has("elements") || n.has("type")))
                .forEach(n -> owners.add((ObjectNode) n));
        if (owners.isEmpty()) {
            return;
        }
        String name = random.nextInt(3) == 0 ? Hostile.pick(random, Hostile.NAMES) : "v";
        ObjectNode owner = Hostile.pick(random, owners);
        JsonNode vars = owner.get("variables");
        ObjectNode v = vars instanceof ObjectNode o ? o : owner.putObject("variables");
        v.set(name, random.nextInt(4) == 0 ? NODES.arrayNode().add(value(1)).add(number()) : value(0));
        List<Slot> strings = all.stream().filter(x -> x.get().isTextual() || x.get().isNumber()).toList();
        if (!strings.isEmpty()) {
            Slot use = Hostile.pick(random, strings);
            use.set(NODES.textNode(random.nextBoolean() ? "{{ " + name + " }}" : "at {{ " + name + " }}."));
        }
    }

    /**
     * A change a careful author might make, so that many documents stay valid and reach planning: a number
     * scaled or written as text, a flag flipped, an array's items reordered.
     */
    private JsonNode gentle(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble() * (0.25 + random.nextInt(8) * 0.25);
            return random.nextBoolean() ? NODES.numberNode(d) : NODES.textNode(" " + d + " ");
        }
        if (v.isBoolean()) {
            return NODES.booleanNode(!v.asBoolean());
        }
        if (v.isArray() && v.size() > 1) {
            ArrayNode a = ((ArrayNode) v).deepCopy();
            JsonNode first = a.remove(0);
            return a.add(first);
        }
        return v.isTextual() ? NODES.textNode(v.asText().toUpperCase(java.util.Locale.ROOT)) : v;
    }

    /** A value of any JSON type; {@code depth} keeps generated containers small. */
    private JsonNode value(int depth) {
        return switch (random.nextInt(depth > 1 ? 4 : 7)) {
            case 0 -> number();
            case 1 -> NODES.textNode(string());
            case 2 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 3 -> NODES.textNode(Hostile.pick(random, Hostile.TEMPLATES));
            case 4 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(Hostile.pick(random, Hostile.KEYS), value(depth + 1));
                }
                yield o;
            }
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                int n = random.nextInt(20) == 0 ? 1000 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(n > 10 ? number() : value(depth + 1));
                }
                yield a;
            }
            default -> deep();
        };
    }

    private JsonNode number() {
        if (random.nextInt(4) == 0) {
            return rawToken(Hostile.pick(random, Hostile.RAW_NUMBERS));
        }
        Object n = Hostile.pick(random, Hostile.NUMBERS);
        if (n instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (n instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (n instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (n instanceof Integer i) {
            return NODES.numberNode(i);
        }
        return NODES.numberNode((Double) n);
    }

    private String string() {
        return switch (random.nextInt(5)) {
            case 0 -> Hostile.oddText(random, 1 + random.nextInt(40));
            case 1 -> Hostile.pick(random, Hostile.NUMBERS).toString();
            default -> Hostile.pick(random, Hostile.STRINGS);
        };
    }

    /** A template in place of a value, or spliced into the text that was there. */
    private JsonNode template(JsonNode was) {
        String t = Hostile.pick(random, Hostile.TEMPLATES);
        if (was.isTextual() && random.nextBoolean()) {
            return NODES.textNode(was.asText() + " " + t);
        }
        return NODES.textNode(t);
    }

    /** Nesting deeper than any movie needs: sometimes within the reader's limit, sometimes far beyond it. */
    private JsonNode deep() {
        int[] depths = {20, 100, 150, 199, 201, 1000, 1500, 5000};
        int depth = depths[random.nextInt(depths.length)];
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return rawToken(open.repeat(depth) + (arrays ? "1" : "null") + close.repeat(depth));
    }

    private JsonNode rawToken(String text) {
        raw.add(text);
        return NODES.textNode(MARK + (raw.size() - 1));
    }

    /** Damage to the text: duplicate keys, truncation, comments, stray bytes, escapes of lone surrogates. */
    private String mutateText(String text) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(8)) {
            case 0 -> duplicateKey(text);
            case 1 -> text.substring(0, at);
            case 2 -> text.substring(0, at) + "/* c */" + text.substring(at);
            case 3 -> "\uFEFF" + text;
            case 4 -> text + (random.nextBoolean() ? "}" : " {\"scenes\": []}");
            case 5 -> text.replaceFirst("\"([^\"\\\\]*)\"", "\"$1\\\\ud800\\\\u0000\\\\udc00x\"");
            case 6 -> text.replace(",", random.nextBoolean() ? ",," : ", ").replaceFirst("\"", "'");
            default -> text.substring(0, at) + Hostile.oddText(random, 3) + text.substring(at);
        };
    }

    /** The same key twice in one object: {@code {"scenes": null, "scenes": [...]}}. */
    private String duplicateKey(String text) {
        List<Integer> keys = new ArrayList<>();
        for (int i = text.indexOf("{\""); i >= 0; i = text.indexOf("{\"", i + 1)) {
            keys.add(i + 1);
        }
        if (keys.isEmpty()) {
            return text;
        }
        int start = Hostile.pick(random, keys);
        int end = text.indexOf("\":", start + 1);
        if (end < 0) {
            return text;
        }
        String key = text.substring(start, end + 2);
        return text.substring(0, start) + key + (random.nextBoolean() ? "null" : "1") + "," + text.substring(start);
    }
}
