package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts particular to one component (a counter, a rating, a table…). */
final class Specials {
    private Specials() {
    }

    static Card.Sized measure(String kind, JsonNode part, double available, Parts parts) {
        throw new IllegalArgumentException("a component part of kind \"" + kind + "\" does not exist; kinds: text, fill, image");
    }
}
