package dev.moviola.movie;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys given more than once in one object of a JSON text. Such a document is read as JavaScript and JSON2Video
 * read it — the last value wins — and each repeated key is reported as a warning at its path, since an exported
 * document with one usually means one of the values was not meant (real documents from no-code tools have them).
 */
public final class DuplicateKeys {
    private static final JsonFactory FACTORY = new JsonFactory();

    private DuplicateKeys() {
    }

    /** One warning per repeated key, in document order; empty for text that is not JSON (the parser reports that). */
    public static List<Problem> in(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return scan(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The same for JSON bytes (a request body). */
    public static List<Problem> in(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return scan(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Where the parser is: an object (its keys so far, how often each) or an array (the next index). */
    private static final class Level {
        final Location at;
        final Map<String, Integer> keys;
        int index;
        String key;

        Level(Location at, boolean object) {
            this.at = at;
            this.keys = object ? new LinkedHashMap<>() : null;
        }

        /** Where the value that comes next sits. */
        Location next() {
            return keys == null ? at.index(index++) : at.key(key);
        }
    }

    private static List<Problem> scan(JsonParser p) throws IOException {
        List<Problem> out = new ArrayList<>();
        Deque<Level> levels = new ArrayDeque<>();
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    Location at = levels.isEmpty() ? Location.ROOT : levels.peek().next();
                    levels.push(new Level(at, t == JsonToken.START_OBJECT));
                }
                case END_OBJECT, END_ARRAY -> levels.pop();
                case FIELD_NAME -> {
                    Level level = levels.peek();
                    level.key = p.currentName();
                    int seen = level.keys.merge(level.key, 1, Integer::sum);
                    String path = level.at.at(level.key);
                    if (seen == 2) {
                        out.add(Problem.warning(path, "is given more than once in its object; the last value is used "
                                + "(as JavaScript and JSON2Video read it): remove the others"));
                    }
                }
                default -> {
                    if (!levels.isEmpty()) {
                        levels.peek().next();
                    }
                }
            }
        }
        return out;
    }
}
