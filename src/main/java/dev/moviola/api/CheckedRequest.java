package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.job.Requests;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.RenderOptions;
import java.util.List;

/**
 * A job request as read before anything is fetched: what is wrong with it or worth knowing (errors and warnings,
 * each at its JSON path), and its movie when the movie could be read.
 *
 * @param document null when the movie could not be read
 * @param request  the request as read
 */
record CheckedRequest(List<Problem> problems, Document document, JsonNode request) {
    CheckedRequest {
        problems = List.copyOf(problems);
    }

    List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** The request's render options (a quality preset changes the plan); only of a request without errors. */
    RenderOptions options() {
        if (!errors().isEmpty()) {
            throw new IllegalStateException("the request has errors: " + errors());
        }
        return Requests.options(request);
    }
}
