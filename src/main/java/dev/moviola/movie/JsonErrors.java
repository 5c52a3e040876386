package dev.moviola.movie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Why a text is not JSON, in words for the person who wrote it: the parser's own message without the names of
 * its Java settings ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`}), with the line and column.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** "the document is not valid JSON at line 3, column 7: …" with {@code what} naming the text. */
    public static String describe(String what, JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return what + " is not valid JSON" + where + ": " + reason(e);
    }

    static String reason(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            String limit = limit(m);
            if (m.contains("nesting depth")) {
                return "objects and arrays are nested too deeply" + limit + " levels)";
            }
            if (m.contains("Number value length")) {
                return "a number is too long" + limit + " digits)";
            }
            if (m.contains("String value length")) {
                return "a text is too long" + limit + " characters)";
            }
            return "it is larger than the reader accepts";
        }
        if (m.startsWith("Non-standard token")) {
            return plain(m) + " (NaN and Infinity are not JSON numbers: write a number)";
        }
        return abbreviate(plain(m));
    }

    /** The parser quotes what it could not read, which may be a whole long text. */
    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 299) + "…";
    }

    /** The message up to where it starts naming the parser's settings. */
    private static String plain(String m) {
        int cut = -1;
        for (String code : new String[] {"`", "Feature ", "StreamReadConstraints"}) {
            int i = m.indexOf(code);
            cut = i >= 0 && (cut < 0 || i < cut) ? i : cut;
        }
        if (cut < 0) {
            return m;
        }
        String head = m.substring(0, cut);
        int stop = Math.max(head.lastIndexOf(": "), head.lastIndexOf(" ("));
        return (stop > 0 ? head.substring(0, stop) : head).trim();
    }

    /** " (at most 200" from "… exceeds the maximum allowed (200, from …)". */
    private static String limit(String m) {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("allowed \\((\\d+)").matcher(m);
        return " (at most " + (n.find() ? n.group(1) : "the limit of");
    }
}
