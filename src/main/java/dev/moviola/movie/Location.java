package dev.moviola.movie;

/**
 * Where something is in the author's document: a JSON path ({@code scenes[1].elements[0]}) and, for scenes
 * made by {@code iterate}, which iteration ({@code iteration 2 of rooms}). Messages show it as
 * {@code scenes[1].elements[0].text (iteration 2 of rooms)}.
 *
 * @param note null, or what distinguishes this copy of the path
 */
public record Location(String path, String note) {
    public static final Location ROOT = new Location("", null);

    public static Location of(String path) {
        return new Location(path, null);
    }

    /**
     * The location of a key inside this object. A key a dotted path could not show as itself (empty, or with
     * dots, brackets, quotes, spaces or parentheses in it) is written in brackets as a JSON string:
     * {@code scenes[0]["my key"]}, {@code [""][0]}.
     */
    public Location key(String key) {
        if (!PLAIN.matcher(key).matches()) {
            return new Location(path + "[" + quoted(key) + "]", note);
        }
        return new Location(path.isEmpty() ? key : path + "." + key, note);
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[^.\\[\\]\"\\s()\\\\]+");

    private static String quoted(String key) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The location of an item of this array. */
    public Location index(int i) {
        return new Location(path + "[" + i + "]", note);
    }

    /** The display form of a key inside this object, as a message path. */
    public String at(String key) {
        return key(key).toString();
    }

    @Override
    public String toString() {
        return note == null ? path : path + " (" + note + ")";
    }
}
