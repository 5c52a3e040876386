package dev.moviola.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.config.Settings;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.template.Expander;
import dev.moviola.template.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The movie a command works on: its file and the variables given with it. */
final class DocumentOptions {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Parameters(index = "0", paramLabel = "MOVIE", description = "the movie document (JSON), or - for stdin")
    Path movie;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "set a variable, replacing the movie's (repeatable); "
            + "VALUE is read as JSON when it is JSON (3, true, [1,2], {\"a\":1}, \"text\"), else as text")
    List<String> vars = List.of();

    @Option(names = "--vars", paramLabel = "FILE", description = "a JSON object of variables, replacing the movie's "
            + "(--var wins over it)")
    Path varsFile;

    /** Reads, templates and validates the movie; touches nothing else. */
    Document read(Settings settings) throws InvalidMovieException {
        return Pipeline.read(MovieFiles.read(movie), variables(), settings);
    }

    Path baseDir() {
        return MovieFiles.baseDir(movie);
    }

    private Map<String, Object> variables() throws InvalidMovieException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (varsFile != null) {
            try {
                JsonNode node = JSON.readTree(Files.readString(varsFile));
                if (node == null || !node.isObject()) {
                    throw invalid("--vars", varsFile + " must hold a JSON object such as {\"address\": \"123 Oak Street\"}");
                }
                node.fields().forEachRemaining(e -> out.put(e.getKey(), Values.fromJson(e.getValue())));
            } catch (IOException e) {
                throw invalid("--vars", "cannot read " + varsFile + ": " + e.getMessage());
            }
        }
        for (String v : vars) {
            int eq = v.indexOf('=');
            String name = eq < 0 ? v : v.substring(0, eq);
            if (eq < 0 || !Expander.NAME.matcher(name).matches()) {
                throw invalid("--var", "\"" + v + "\" is not NAME=VALUE with a name made of a letter, then letters, "
                        + "digits or _");
            }
            out.put(name, value(v.substring(eq + 1)));
        }
        return out;
    }

    private static Object value(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? text : Values.fromJson(node);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static InvalidMovieException invalid(String option, String message) {
        return new InvalidMovieException(List.of(Problem.error(option, message)));
    }
}
