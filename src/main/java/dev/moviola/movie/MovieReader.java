package dev.moviola.movie;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a movie document into the {@link Movie} model and validates it, collecting every problem with its
 * JSON path. Nothing here touches files, the network or ffmpeg: a document that fails here fails before any
 * I/O.
 */
public final class MovieReader {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Limits limits;

    public MovieReader(Limits limits) {
        this.limits = limits;
    }

    /** Parses JSON text; unreadable JSON is reported as a problem at the root, with line and column. */
    public static JsonNode parseJson(String json) throws InvalidMovieException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidMovieException(List.of(Problem.error("", "the document is empty; a movie is a JSON object such as {\"scenes\": [{\"elements\": []}]}")));
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidMovieException(List.of(Problem.error("",
                    "the document is not valid JSON" + where + ": " + e.getOriginalMessage())));
        }
    }

    public Parsed read(String json) throws InvalidMovieException {
        return read(parseJson(json));
    }

    public Parsed read(JsonNode root) throws InvalidMovieException {
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidMovieException(List.of(Problem.error("",
                    "a movie must be a JSON object such as {\"scenes\": [{\"elements\": []}]}, got " + Fields.describe(root))));
        }
        Fields f = new Fields(root, "", problems);
        Movie movie = readMovie(f, problems);
        f.finish();
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new InvalidMovieException(problems);
        }
        return new Parsed(movie, problems);
    }

    private Movie readMovie(Fields f, List<Problem> problems) {
        Resolution resolution = readResolution(f);
        double fpsValue = f.range("fps", 25, 1, 120, "");
        Quality quality = f.choice("quality", Quality.HIGH,
                Fields.words("low", Quality.LOW, "medium", Quality.MEDIUM, "high", Quality.HIGH));
        boolean cache = f.bool("cache", true);
        boolean draft = f.bool("draft", false);
        String id = f.text("id").orElse(null);
        JsonNode clientData = f.object("client-data").map(c -> (JsonNode) c.node().deepCopy()).orElse(null);
        List<JsonNode> exports = f.objects("exports").stream().map(e -> (JsonNode) e.node().deepCopy()).toList();
        f.ignore("comment", "settings");
        f.unsupported("variables", "templating ({{ }} variables)");
        f.unsupported("preload", "preloading assets");

        ElementReader elements = new ElementReader();
        List<Element> movieElements = new ArrayList<>();
        List<Fields> movieElementFields = f.objects("elements");
        checkCount(f, "elements", movieElementFields.size(), limits.maxElementsPerScene(), "movie-level elements");
        for (Fields e : movieElementFields) {
            elements.read(e, true).ifPresent(movieElements::add);
            e.finish();
        }

        List<Scene> scenes = new ArrayList<>();
        if (!f.has("scenes")) {
            f.error("scenes", "is required: a movie is a list of scenes, e.g. \"scenes\": [{\"elements\": []}]");
        } else if (f.raw("scenes").isArray() && f.raw("scenes").isEmpty()) {
            f.error("scenes", "movie duration cannot be zero: add at least one scene");
        }
        List<Fields> sceneFields = f.objects("scenes");
        checkCount(f, "scenes", sceneFields.size(), limits.maxScenes(), "scenes");
        for (Fields s : sceneFields) {
            scenes.add(readScene(s, elements));
            s.finish();
        }
        return new Movie(scenes, movieElements, resolution, Fps.of(fpsValue), quality, cache, draft, id,
                clientData, exports);
    }

    private Scene readScene(Fields s, ElementReader reader) {
        double duration = s.number("duration", Timing.AUTO, d -> d == Timing.AUTO || d > 0,
                "a number of seconds > 0, or -1 (until its last timed element ends)");
        Color background = s.color("background-color").orElse(Color.BLACK);
        String id = s.text("id").orElse(null);
        boolean cache = s.bool("cache", true);
        s.ignore("comment");
        s.unsupported("transition", "scene transitions");
        for (String key : List.of("condition", "iterate", "iterate-as", "variables", "import")) {
            s.unsupported(key, "templating (\"" + key + "\")");
        }
        List<Element> elements = new ArrayList<>();
        List<Fields> elementFields = s.objects("elements");
        checkCount(s, "elements", elementFields.size(), limits.maxElementsPerScene(), "elements in one scene");
        for (Fields e : elementFields) {
            reader.read(e, false).ifPresent(elements::add);
            e.finish();
        }
        return new Scene(s.path(), id, duration, background, elements, cache);
    }

    private Resolution readResolution(Fields f) {
        Optional<String> name = f.text("resolution");
        boolean hasWidth = f.has("width");
        boolean hasHeight = f.has("height");
        if (name.isPresent() && !name.get().equalsIgnoreCase("custom")) {
            Resolution preset = Resolution.PRESETS.get(name.get().trim().toLowerCase(java.util.Locale.ROOT));
            if (preset == null) {
                String close = Suggest.closest(name.get(), Resolution.PRESETS.keySet())
                        .map(s -> "did you mean \"" + s + "\"? ").orElse("");
                f.error("resolution", "\"" + name.get() + "\" is not a resolution; " + close + "use one of: "
                        + String.join(", ", Resolution.PRESETS.keySet()) + ", or \"custom\" with width and height");
                return Resolution.DEFAULT;
            }
            if (hasWidth || hasHeight) {
                f.warning("resolution", "width/height are ignored because resolution is \"" + preset.name()
                        + "\"; use \"resolution\": \"custom\" to choose the size");
            }
            return preset;
        }
        if (name.isEmpty() && hasWidth != hasHeight) {
            f.error(hasWidth ? "height" : "width", "is required with " + (hasWidth ? "width" : "height")
                    + ": give both width and height for a custom size");
            return Resolution.DEFAULT;
        }
        int width = side(f, "width", Resolution.DEFAULT.width());
        int height = side(f, "height", Resolution.DEFAULT.height());
        if ((long) width * height > limits.maxPixels()) {
            f.error("width", "a " + width + "x" + height + " frame is larger than the limit of " + limits.maxPixels()
                    + " pixels (3840x2160, either orientation); choose a smaller size");
        }
        return new Resolution("custom", width & ~1, height & ~1);
    }

    private int side(Fields f, String key, int defaultValue) {
        int min = 50;
        return f.integer(key, defaultValue, min, limits.maxSide());
    }

    private static void checkCount(Fields f, String key, int count, int max, String what) {
        if (count > max) {
            f.error(key, count + " " + what + " is more than the limit of " + max + "; split the movie");
        }
    }
}
