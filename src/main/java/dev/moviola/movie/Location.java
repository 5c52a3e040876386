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

    /** The location of a key inside this object. */
    public Location key(String key) {
        return new Location(path.isEmpty() ? key : path + "." + key, note);
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
