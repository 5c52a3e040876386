package dev.moviola.render.component;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.ComponentElement;
import dev.moviola.render.text.FontCatalog;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A component drawn in its box at any time of its animation: its parts laid out once (the card and the free parts
 * of its definition), then each frame composed from them.
 */
public final class ComponentFrames {
    private final List<Piece> pieces;

    /**
     * @param pictures the fetched pictures by settings group
     * @throws IllegalArgumentException when the definition draws something that does not exist (a user's file)
     */
    public ComponentFrames(ComponentElement e, int boxWidth, int boxHeight, FontCatalog fonts, Map<String, Path> pictures) {
        Parts parts = new Parts(e.settings(), boxWidth, boxHeight, fonts, pictures);
        JsonNode draws = e.draws();
        List<Piece> all = new ArrayList<>();
        if (draws.has("rows") || draws.has("side")) {
            all.addAll(Card.layout(draws, parts));
        }
        for (JsonNode free : draws.path("free")) {
            all.addAll(Free.place(free, parts));
        }
        this.pieces = List.copyOf(all);
    }

    /** When the last part stops moving, in ms after the element's start. */
    public double endMs() {
        return pieces.stream().mapToDouble(Piece::endMs).max().orElse(0);
    }

    /** What shows at {@code ms}, in the box's pixels; null when nothing does. */
    public Rectangle2D bounds(double ms) {
        Rectangle2D all = null;
        for (Piece p : pieces) {
            Rectangle2D b = p.bounds(ms);
            if (b != null) {
                all = all == null ? b : all.createUnion(b);
            }
        }
        return all;
    }

    /** Equal for two times that draw the same picture. */
    public List<Double> signature(double ms) {
        List<Double> s = new ArrayList<>();
        for (Piece p : pieces) {
            p.signature(ms, s);
        }
        return s;
    }

    /** Draws the component as it is at {@code ms} with the box's top-left corner at 0, 0. */
    public void draw(Graphics2D g, double ms) {
        for (Piece p : pieces) {
            p.draw(g, ms);
        }
    }
}
