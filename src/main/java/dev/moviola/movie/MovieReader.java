package dev.moviola.movie;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Limits limits;
    private final dev.moviola.movie.component.ComponentLibrary components;

    public MovieReader(Limits limits) {
        this(limits, dev.moviola.movie.component.ComponentLibrary.shipped());
    }

    /** @param components the components documents may use (the shipped ones and a user's) */
    public MovieReader(Limits limits, dev.moviola.movie.component.ComponentLibrary components) {
        this.limits = limits;
        this.components = components;
    }

    /**
     * Parses JSON text; unreadable JSON is reported as a problem at the root, with line and column. A key given twice
     * in one object takes its last value, as JavaScript reads it, and is added to {@code warnings}.
     */
    public static JsonNode parseJson(String json, List<Problem> warnings) throws InvalidMovieException {
        JsonNode root = parseJson(json);
        warnings.addAll(DuplicateKeys.in(json));
        return root;
    }

    /** Parses JSON text, as {@link #parseJson(String, List)} without the warnings. */
    public static JsonNode parseJson(String json) throws InvalidMovieException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidMovieException(List.of(Problem.error("", "the document is empty; a movie is a JSON object such as {\"scenes\": [{\"elements\": []}]}")));
            }
            List<Problem> huge = new ArrayList<>();
            if (root.isObject()) { // anything else is refused as a whole by read()
                findHugeNumbers(root, Location.ROOT, huge);
            }
            if (!huge.isEmpty()) {
                throw new InvalidMovieException(huge);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidMovieException(List.of(Problem.error("", JsonErrors.describe("the document", e))));
        }
    }

    /**
     * Numbers beyond the range of double precision ({@code 1e400}) read as infinity, which nothing downstream can
     * use; they are refused where they are, wherever that is (variables, unknown keys, client data).
     */
    private static void findHugeNumbers(JsonNode node, Location at, List<Problem> out) {
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            out.add(Problem.error(at.toString(), "the number is too large: numbers in a movie must be within ±1.7e308"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> findHugeNumbers(e.getValue(), at.key(e.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findHugeNumbers(node.get(i), at.index(i), out);
            }
        }
    }

    public Parsed read(String json) throws InvalidMovieException {
        List<Problem> duplicates = new ArrayList<>();
        Parsed parsed = read(parseJson(json, duplicates), SourceMap.IDENTITY);
        duplicates.addAll(parsed.warnings());
        return new Parsed(parsed.movie(), duplicates);
    }

    /**
     * Reads an expanded document (after templating).
     *
     * @param sources where its scenes and elements were in the author's document, for messages
     */
    public Parsed read(JsonNode root, SourceMap sources) throws InvalidMovieException {
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidMovieException(List.of(Problem.error("",
                    "a movie must be a JSON object such as {\"scenes\": [{\"elements\": []}]}, got " + Fields.describe(root))));
        }
        Fields f = new Fields(root, Location.ROOT, problems);
        Movie movie = readMovie(f, sources);
        f.finish();
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new InvalidMovieException(problems);
        }
        return new Parsed(movie, problems);
    }

    private Movie readMovie(Fields f, SourceMap sources) {
        Resolution resolution = readResolution(f);
        double fpsValue = f.range("fps", 25, 1, 120, "");
        Quality quality = f.choice("quality", Quality.HIGH,
                Fields.words("low", Quality.LOW, "medium", Quality.MEDIUM, "high", Quality.HIGH));
        boolean cache = f.bool("cache", true);
        boolean draft = f.bool("draft", false);
        String id = f.text("id").orElse(null);
        JsonNode clientData = f.object("client-data").map(c -> (JsonNode) c.node().deepCopy()).orElse(null);
        List<Webhook> exports = readExports(f);
        f.ignore("comment", "settings");
        f.ignore("variables"); // consumed by the template expander

        ElementReader elements = new ElementReader(components, resolution);
        List<Element> movieElements = readElements(f, "elements", Location.ROOT, sources, elements, "movie-level elements");
        List<Element> preload = readElements(f, "preload", Location.ROOT, sources, elements, "preloaded assets");
        for (Element p : preload) {
            if (p.id() == null) {
                f.error("preload", p.where().path() + " needs an \"id\": templates use its source as {{ <id>_url }}");
            }
        }

        List<Scene> scenes = new ArrayList<>();
        if (!f.has("scenes")) {
            f.error("scenes", "is required: a movie is a list of scenes, e.g. \"scenes\": [{\"elements\": []}]");
        } else if (f.raw("scenes").isArray() && f.raw("scenes").isEmpty()) {
            f.error("scenes", "movie duration cannot be zero: add at least one scene");
        }
        List<Fields.Item> sceneItems = f.items("scenes", i -> sources.locate("scenes[" + i + "]", Location.of("scenes[" + i + "]")));
        checkCount(f, "scenes", sceneItems.size(), limits.maxScenes(), "scenes");
        for (Fields.Item s : sceneItems) {
            scenes.add(readScene(s.fields(), "scenes[" + s.index() + "]", elements, sources));
            s.fields().finish();
        }
        checkDuration(f, scenes);
        movieElements = new ArrayList<>(movieElements);
        scenes = placeSubtitles(movieElements, scenes, f);
        return new Movie(scenes, movieElements, preload, resolution, Fps.of(fpsValue), quality, cache, draft, id,
                clientData, exports);
    }

    /**
     * Where captions belong (docs/format.md#subtitles): one subtitles element captions the whole movie, wherever it
     * was written (one found in a scene is moved to the movie, with a warning); several in scenes and none at movie
     * level caption each its own scene (real documents do that, and JSON2Video renders them); more than one at movie
     * level, or one there and others in scenes, is an error.
     *
     * @return the scenes, without a subtitles element that moved to {@code movieElements}
     */
    private static List<Scene> placeSubtitles(List<Element> movieElements, List<Scene> scenes, Fields root) {
        List<Problem> problems = new ArrayList<>();
        List<SubtitlesElement> atMovie = movieElements.stream().filter(e -> e instanceof SubtitlesElement)
                .map(e -> (SubtitlesElement) e).toList();
        List<SubtitlesElement> inScenes = new ArrayList<>();
        scenes.forEach(s -> s.elements().stream().filter(e -> e instanceof SubtitlesElement)
                .forEach(e -> inScenes.add((SubtitlesElement) e)));
        for (int i = 1; i < atMovie.size(); i++) {
            problems.add(Problem.error(atMovie.get(i).where().toString(), "a movie has one subtitles element at movie level, "
                    + "and " + atMovie.get(0).where() + " is one: remove this one or merge their settings"));
        }
        if (!atMovie.isEmpty()) {
            inScenes.forEach(e -> problems.add(Problem.error(e.where().toString(), "the movie's subtitles ("
                    + atMovie.get(0).where() + ") caption every scene already: remove this one")));
            root.report(problems);
            return scenes;
        }
        if (inScenes.size() == 1) {
            SubtitlesElement only = inScenes.get(0);
            problems.add(Problem.warning(only.where().toString(), "subtitles caption the whole movie, over its "
                    + "finished picture: this one is taken as the movie's (write it in the movie's elements)"));
            movieElements.add(only);
            root.report(problems);
            List<Scene> out = new ArrayList<>();
            for (Scene s : scenes) {
                List<Element> kept = s.elements().stream().filter(e -> e != only).toList();
                out.add(kept.size() == s.elements().size() ? s
                        : new Scene(s.where(), s.id(), s.duration(), s.background(), kept, s.transition(), s.cache()));
            }
            return out;
        }
        if (inScenes.size() > 1) {
            problems.add(Problem.warning(inScenes.get(0).where().toString(), inScenes.size() + " scenes have subtitles "
                    + "of their own: each captions its own scene"));
        }
        root.report(problems);
        return scenes;
    }

    /**
     * Refuses a movie its scene durations alone make longer than the limit, before anything is fetched (the
     * planner checks the exact length, which may depend on its sources). Transitions shorten a movie by at most
     * their durations, so what is left is a lower bound.
     */
    private void checkDuration(Fields f, List<Scene> scenes) {
        double atLeast = 0;
        for (Scene s : scenes) {
            atLeast += Math.max(0, s.duration()) - (s.transition() == null ? 0 : s.transition().duration());
        }
        if (atLeast > limits.maxDuration()) {
            f.error("scenes", String.format(Locale.ROOT, "the movie would last at least %.1f s (its scenes' "
                    + "durations), more than the limit of %.0f s; shorten or split it", atLeast, limits.maxDuration()));
        }
    }

    /** {@code exports[].destinations[]}: webhooks only (JSON2Video's FTP, email and dashboard connections are not offered). */
    private static List<Webhook> readExports(Fields f) {
        List<Webhook> out = new ArrayList<>();
        for (Fields export : f.objects("exports")) {
            if (!export.has("destinations")) {
                export.error("destinations", "is required: a list like [{\"type\": \"webhook\", \"endpoint\": \"https://…\"}]");
            }
            for (Fields d : export.objects("destinations")) {
                String type = d.requiredText("type", "\"webhook\"").orElse("webhook");
                if (!type.equals("webhook")) {
                    d.error("type", Fields.quote(type) + " destinations are not offered by Moviola; use {\"type\": \"webhook\","
                            + " \"endpoint\": URL} and fetch the file from the URL the webhook receives");
                    d.ignoreRest();
                    continue;
                }
                boolean urlencoded = d.choice("content-type", false, Fields.words("json", false, "urlencoded", true));
                d.requiredText("endpoint", "the URL that receives a POST when the movie is finished").ifPresent(url -> {
                    if (!Webhook.isEndpoint(url)) {
                        d.error("endpoint", "expected an absolute http:// or https:// URL, got " + Fields.quote(url));
                    } else {
                        out.add(new Webhook(url, urlencoded));
                    }
                });
                d.finish();
            }
            export.finish();
        }
        return out;
    }

    private List<Element> readElements(Fields parent, String key, Location expandedParent, SourceMap sources,
            ElementReader reader, String what) {
        List<Element> out = new ArrayList<>();
        List<Fields.Item> items = parent.items(key, i -> sources.locate(expandedParent.key(key).index(i).path(),
                parent.where().key(key).index(i)));
        checkCount(parent, key, items.size(), limits.maxElementsPerScene(), what);
        for (Fields.Item e : items) {
            reader.read(e.fields()).ifPresent(out::add);
            e.fields().finish();
        }
        return out;
    }

    private Scene readScene(Fields s, String expandedPath, ElementReader reader, SourceMap sources) {
        double duration = s.number("duration", Timing.AUTO, d -> d == Timing.AUTO || d > 0,
                "a number of seconds > 0, or -1 (until its last timed element ends)");
        Color background = s.color("background-color").orElse(Color.BLACK);
        String id = s.text("id").orElse(null);
        boolean cache = s.bool("cache", true);
        s.ignore("comment");
        Transition transition = s.object("transition").map(MovieReader::readTransition).orElse(null);
        List<Element> elements = readElements(s, "elements", Location.of(expandedPath), sources, reader,
                "elements in one scene");
        return new Scene(s.where(), id, duration, background, elements, transition, cache);
    }

    private static Transition readTransition(Fields t) {
        java.util.Map<String, String> styles = new java.util.LinkedHashMap<>();
        Transition.STYLES.forEach(name -> styles.put(name, name));
        String style = t.choice("style", "fade", styles);
        double duration = t.number("duration", Transition.DEFAULT_DURATION, d -> d > 0,
                "a number of seconds > 0 (at most half of either scene it joins)");
        t.finish();
        return new Transition(style, duration);
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
                f.error("resolution", Fields.quote(name.get()) + " is not a resolution; " + close + "use one of: "
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
