package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Parts placed freely in the element's box (shapes, the elastic box), by {@code left, top, width, height}. */
final class Free {
    private Free() {
    }

    static List<Piece> place(JsonNode part, Parts parts) {
        throw new IllegalArgumentException("a free component part of kind \"" + part.path("kind").asText()
                + "\" does not exist");
    }
}
