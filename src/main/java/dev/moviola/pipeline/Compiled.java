package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.Assets;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Problem;
import dev.moviola.plan.RenderPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * A movie read, templated, validated and planned: what {@code validate} shows and what {@code render} renders.
 *
 * @param resolved the document after templating, as JSON: what {@code validate --explain} prints
 * @param assets   its sources, made local
 */
public record Compiled(Movie movie, RenderPlan plan, List<Problem> readWarnings, JsonNode resolved, Assets assets) {
    public Compiled {
        readWarnings = List.copyOf(readWarnings);
    }

    /** Warnings from reading and planning, in document order. */
    public List<Problem> warnings() {
        List<Problem> all = new ArrayList<>(readWarnings);
        all.addAll(plan.warnings());
        return all;
    }
}
