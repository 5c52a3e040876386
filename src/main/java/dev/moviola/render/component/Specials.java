package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The card parts particular to some components: a counter, a rating, a table, a button, texts shown word by word. */
final class Specials {
    private Specials() {
    }

    static Card.Sized measure(String kind, JsonNode part, double available, Parts parts) {
        return switch (kind) {
            case "counter" -> Counter.measure(part, available, parts);
            case "rating" -> Rating.measure(part, parts);
            case "table" -> Table.measure(part, available, parts);
            case "button" -> Button.measure(part, available, parts);
            case "cycle" -> Cycle.measure(part, available, parts);
            case "words" -> Words.measure(part, available, parts);
            default -> throw new IllegalArgumentException("a component part of kind \"" + kind + "\" does not exist; "
                    + "kinds: text, fill, image, counter, rating, table, button, cycle, words");
        };
    }

    /** A part of a fixed size made of pieces placed relative to its top-left corner. */
    static Card.Sized fixed(double w, double h, java.util.function.BiFunction<Double, Double, List<Piece>> place) {
        return new Card.Sized() {
            public double width() {
                return w;
            }

            public double height() {
                return h;
            }

            public List<Piece> place(double x, double y, double stretch) {
                return place.apply(x, y);
            }
        };
    }
}
