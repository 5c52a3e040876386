package dev.moviola.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the paths of problems ({@code scenes[2].elements[0].src (iteration 2 of rooms)}) against the document
 * they were found in: a path must lead to something the author wrote, except that its last key may be missing
 * (a required key that is absent).
 */
public final class JsonPaths {
    private static final Pattern NOTE = Pattern.compile(" \\(iteration \\d+ of .*\\)$", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private JsonPaths() {
    }

    /** Null when the path leads into {@code document}; otherwise why not. */
    public static String problemWith(JsonNode document, String path) {
        if (hasAmbiguousKeys(document)) {
            return null; // a key with "." or "[" in it cannot be told apart from a path's punctuation
        }
        String p = NOTE.matcher(path).replaceFirst("");
        List<Object> steps = steps(p);
        JsonNode at = document;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            JsonNode next = step instanceof Integer n ? (at.isArray() ? at.get(n) : null)
                    : (at.isObject() ? at.get((String) step) : null);
            if (next == null) {
                return i == steps.size() - 1 && step instanceof String ? null
                        : "\"" + path + "\" does not lead into the document (no " + step + " there)";
            }
            at = next;
        }
        return null;
    }

    private static List<Object> steps(String path) {
        List<Object> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        for (String part : path.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            if (bracket != 0 || !out.isEmpty()) { // "[0]…" is an item of a document that is an array
                out.add(bracket < 0 ? part : part.substring(0, bracket));
            }
            if (bracket >= 0) {
                Matcher m = INDEX.matcher(part.substring(bracket));
                while (m.find()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return out;
    }

    private static boolean hasAmbiguousKeys(JsonNode node) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().contains(".") || e.getKey().contains("[") || e.getKey().contains(" (")
                        || hasAmbiguousKeys(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (hasAmbiguousKeys(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}
