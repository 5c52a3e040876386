package dev.moviola.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the paths of problems ({@code scenes[2].elements[0].src (iteration 2 of rooms)}, keys a dotted path
 * cannot show as {@code ["odd key"]}) against the document they were found in: a path must lead to something
 * the author wrote, except that its last key may be missing (a required key that is absent).
 */
public final class JsonPaths {
    private static final Pattern NOTE = Pattern.compile(" \\(iteration \\d+ of .*\\)$", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private JsonPaths() {
    }

    /** Null when the path leads into {@code document}; otherwise why not. */
    public static String problemWith(JsonNode document, String path) {
        String p = NOTE.matcher(path).replaceFirst("");
        List<Object> steps;
        try {
            steps = steps(p);
        } catch (IllegalArgumentException e) {
            return "\"" + path + "\" is not a path: " + e.getMessage();
        }
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

    /** {@code a.b[2]["odd key"].c} as keys (strings) and indexes (integers). */
    static List<Object> steps(String path) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (path.startsWith("[\"", i)) {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                for (; j < path.length() && path.charAt(j) != '"'; j++) {
                    char k = path.charAt(j);
                    if (k == '\\') {
                        char e = path.charAt(++j);
                        if (e == 'u') {
                            key.append((char) Integer.parseInt(path.substring(j + 1, j + 5), 16));
                            j += 4;
                        } else {
                            key.append(e);
                        }
                    } else {
                        key.append(k);
                    }
                }
                if (!path.startsWith("\"]", j)) {
                    throw new IllegalArgumentException("unclosed [\" at " + i);
                }
                out.add(key.toString());
                i = j + 2;
            } else if (c == '[') {
                Matcher m = INDEX.matcher(path).region(i, path.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("expected [n] at " + i);
                }
                out.add(Integer.parseInt(m.group(1)));
                i = m.end();
            } else {
                int j = i;
                while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                out.add(path.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
