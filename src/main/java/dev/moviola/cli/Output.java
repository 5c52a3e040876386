package dev.moviola.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.RenderFailure;
import java.io.PrintStream;
import java.util.List;

/** How commands report: problems and failures for people on stderr, and the same as JSON on stdout. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode a = JSON.createArrayNode();
        for (Problem p : problems) {
            a.addObject().put("path", p.path()).put("message", p.message());
        }
        return a;
    }

    static void printProblems(PrintStream err, String title, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        err.println(title);
        for (Problem p : problems) {
            err.println("  " + p);
        }
    }

    /** Exit code 2: the document is invalid. */
    static int invalid(InvalidMovieException e, boolean json) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<Problem> errors = e.errors();
        err.println("The movie is invalid (" + errors.size() + (errors.size() == 1 ? " problem" : " problems") + "):");
        errors.forEach(p -> err.println("  " + p));
        List<Problem> warnings = e.problems().stream().filter(p -> !p.isError()).toList();
        printProblems(err, "Warnings:", warnings);
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", "INVALID_MOVIE").put("message", "the movie is invalid");
            error.set("details", problems(errors));
            root.set("warnings", problems(warnings));
            out.println(root.toPrettyString());
        }
        return 2;
    }

    /** Exit code 1: the render failed. */
    static int failed(RenderFailure f, boolean json) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        err.println("Render failed [" + f.code() + "]: " + f.getMessage());
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", f.code()).put("message", f.getMessage());
            if (f.sceneIndex() != null) {
                error.put("sceneIndex", f.sceneIndex());
                error.put("sceneId", f.sceneId());
            }
            out.println(root.toPrettyString());
        }
        return 1;
    }
}
