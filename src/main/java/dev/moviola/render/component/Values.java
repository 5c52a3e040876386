package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resolves a definition's parameters: a literal, or {@code "$group.key"} read from the element's settings (with
 * the definition's default already filled in).
 */
record Values(JsonNode settings) {

    JsonNode resolve(JsonNode v) {
        if (v != null && v.isTextual() && v.asText().startsWith("$")) {
            String[] ref = v.asText().substring(1).split("\\.", 2);
            JsonNode g = settings.get(ref[0]);
            return g == null || ref.length < 2 ? null : g.get(ref[1]);
        }
        return v;
    }

    double number(JsonNode v, double fallback) {
        JsonNode r = resolve(v);
        if (r == null || r.isNull()) {
            return fallback;
        }
        if (r.isNumber()) {
            return r.asDouble();
        }
        try {
            return Double.parseDouble(r.asText().trim().replaceAll("(ms|deg|%)$", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    String text(JsonNode v, String fallback) {
        JsonNode r = resolve(v);
        return r == null || r.isNull() || r.asText().isBlank() ? fallback : r.asText();
    }
}
