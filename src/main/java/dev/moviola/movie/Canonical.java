package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * JSON in one canonical form — object keys sorted, numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are one
 * number) — and its SHA-256: how equal requests are recognised whatever order or spelling a document used.
 */
public final class Canonical {
    private Canonical() {
    }

    public static String text(JsonNode n) {
        StringBuilder out = new StringBuilder();
        write(n, out);
        return out.toString();
    }

    public static String sha256(JsonNode n) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text(n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode n, StringBuilder out) {
        if (n == null || n.isMissingNode()) {
            out.append("null");
        } else if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(keys.get(i))).append(':');
                write(n.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(n.get(i), out);
            }
            out.append(']');
        } else if (n.isNumber()) {
            out.append(n.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(n); // text (quoted and escaped), boolean, null
        }
    }
}
