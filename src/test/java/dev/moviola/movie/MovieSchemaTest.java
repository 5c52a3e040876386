package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.testing.Renders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schema of the movie format ({@code src/main/resources/dev/moviola/schema/movie.json}) says what the
 * reader says: every document the repository holds validates against it unless it is listed here as invalid (and
 * then both the schema and the reader refuse it), every key the reader reads is declared in the schema object that
 * validates its place, its word lists are the reader's, and mistakes are flagged where they are.
 *
 * <p>The keys come from the reader itself: {@link Fields#FINISHED} tells which keys each object knew when it was
 * finished (a key the reader asks for is known whether or not the document has it).
 */
class MovieSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESOURCE = "/dev/moviola/schema/movie.json";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonNode SCHEMA_NODE = load();
    private static final Schema SCHEMA = REGISTRY.getSchema(SCHEMA_NODE);

    /**
     * Documents that are invalid as written, and why: the schema must flag them and the reader refuse them.
     * (Others that the reader refuses for reasons a schema cannot see, such as a template variable that is never
     * defined, still validate.)
     */
    private static final Map<String, String> INVALID = Map.of(
            "real-docs/rw-claude-workflow-debug-processed.json", "a workflow's template: two images have an empty "
                    + "src (\"src\": \"\"), which the workflow fills in before sending",
            "real-docs/n8n-avatar-overlay-captions.json", "an n8n node's body: {{ $json.url }} and {{ $('…') }} are "
                    + "n8n expressions, not Moviola templates (the reader refuses them), and its subtitles' position "
                    + "\"bottom\" is not a caption position (the schema flags it)");

    @TempDir
    Path dir;

    private static JsonNode load() {
        try (InputStream in = MovieSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("the schema on the class path at " + RESOURCE).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSchemaIsAValid2020_12Schema() {
        Schema meta = REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of(
                "https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(SCHEMA_NODE)).isEmpty();
        assertThat(SCHEMA_NODE.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA_NODE.path("$id").asText()).isEqualTo("https://moviola.dev/schema/movie.json");
        // Every $ref points at a definition that exists.
        List<String> refs = new ArrayList<>();
        SCHEMA_NODE.findValues("$ref").forEach(r -> refs.add(r.asText()));
        assertThat(refs).isNotEmpty().allSatisfy(r -> assertThat(SCHEMA_NODE.at(r.substring(1)).isMissingNode())
                .as(r).isFalse());
    }

    /** Editors show a property's description on hover: every key the schema declares has one. */
    @Test
    void everyDeclaredKeyHasADescription() {
        List<String> bare = new ArrayList<>();
        describeAll(SCHEMA_NODE, "", bare);
        assertThat(bare).as("declared keys without a description").isEmpty();
    }

    private static void describeAll(JsonNode schema, String at, List<String> bare) {
        if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                describeAll(schema.get(i), at + "/" + i, bare);
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties")) {
                e.getValue().fields().forEachRemaining(p -> {
                    JsonNode d = p.getValue();
                    boolean described = d.has("description")
                            || (d.has("$ref") && SCHEMA_NODE.at(d.get("$ref").asText().substring(1)).has("description"));
                    if (!described && !isNarrowing(at)) {
                        bare.add(at + "/properties/" + p.getKey());
                    }
                });
            }
            describeAll(e.getValue(), at + "/" + e.getKey(), bare);
        }
    }

    /**
     * A subschema that only narrows keys declared (and described) elsewhere: an anyOf/oneOf branch of required keys,
     * the {@code if} that picks an element type's keys.
     */
    private static boolean isNarrowing(String at) {
        return at.matches(".*/((anyOf|oneOf)/\\d+|if)$");
    }

    // --- documents -------------------------------------------------------------------------------------------

    /** A movie document of the repository: where it is (for messages and {@link #INVALID}) and its text. */
    record Doc(String name, String json) {
    }

    /** examples/*.json, and every movie among the test resources (real documents, fixtures, the kitchen sink). */
    static List<Doc> documents() throws IOException {
        List<Doc> docs = new ArrayList<>();
        Path resources = Path.of("src", "test", "resources", "dev", "moviola");
        for (Path root : List.of(Path.of("examples"), resources)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String json = Files.readString(p, StandardCharsets.UTF_8);
                    JsonNode node;
                    try {
                        node = JSON.readTree(json);
                    } catch (IOException e) {
                        continue; // not JSON: a fixture of another kind
                    }
                    if (node != null && node.isObject() && node.has("scenes")) {
                        String name = root.equals(resources) ? resources.relativize(p).toString() : p.toString();
                        docs.add(new Doc(name.replace('\\', '/'), json));
                    }
                }
            }
        }
        return docs;
    }

    static List<Error> validate(String json) throws IOException {
        return SCHEMA.validate(JSON.readTree(json));
    }

    private boolean readerAccepts(String json) {
        try {
            Pipeline.read(json, Renders.settings(dir));
            return true;
        } catch (InvalidMovieException e) {
            return false;
        }
    }

    @Test
    void everyDocumentOfTheRepositoryValidatesUnlessListedAsInvalid() throws IOException {
        List<Doc> docs = documents();
        assertThat(docs).extracting(Doc::name).as("the documents checked").contains("examples/hello.json",
                "examples/slideshow.json", "schema/kitchen-sink.json", "real-docs/lv-hello-world.json",
                "real-docs/rw-claude-workflow-test-schema.json", "fuzz/minimal.json");
        assertThat(docs.stream().filter(d -> d.name().startsWith("real-docs/")).count()).isEqualTo(23);
        Map<String, List<String>> failures = new TreeMap<>();
        int accepted = 0;
        for (Doc d : docs) {
            List<Error> errors = validate(d.json());
            boolean reader = readerAccepts(d.json());
            accepted += reader ? 1 : 0;
            if (INVALID.containsKey(d.name())) {
                assertThat(errors).as("the schema flags %s (%s)", d.name(), INVALID.get(d.name())).isNotEmpty();
                assertThat(reader).as("the reader refuses %s (%s)", d.name(), INVALID.get(d.name())).isFalse();
            } else if (!errors.isEmpty()) {
                failures.put(d.name() + (reader ? " (the reader accepts it)" : " (the reader refuses it)"),
                        errors.stream().map(Error::toString).toList());
            }
        }
        assertThat(failures).as("documents the schema refuses").isEmpty();
        assertThat(accepted).as("documents the reader accepts").isGreaterThan(20);
        assertThat(INVALID.keySet()).allSatisfy(name -> assertThat(docs).extracting(Doc::name).contains(name));
    }

    @Test
    void theKitchenSinkReadsWithoutWarningsAndUsesEveryElementType() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/dev/moviola/schema/kitchen-sink.json"));
        Document d = Pipeline.read(json, Renders.settings(dir));
        assertThat(d.expansion().warnings()).isEmpty();
        assertThat(d.draft().warnings()).isEmpty();
        Set<String> types = new TreeSet<>();
        JSON.readTree(json).findValues("type").forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
        assertThat(types).containsAll(FormatReferenceTest.elementTypes());
    }

    @Test
    void theReaderIgnoresDollarSchemaSilently() throws Exception {
        Document d = Pipeline.read("{\"$schema\": \"https://moviola.dev/schema/movie.json\", \"scenes\": [{\"elements\": []}]}",
                Renders.settings(dir));
        assertThat(d.expansion().warnings()).isEmpty();
        assertThat(d.draft().warnings()).isEmpty();
        assertThat(validate("{\"$schema\": \"https://moviola.dev/schema/movie.json\", \"scenes\": [{\"elements\": []}]}"))
                .isEmpty();
    }

    // --- mistakes are flagged where they are ------------------------------------------------------------------

    private static Set<String> flaggedAt(String json) throws IOException {
        Set<String> at = new TreeSet<>();
        validate(json).forEach(e -> at.add(e.getInstanceLocation().toString()));
        return at;
    }

    @Test
    void aWrongWordIsFlaggedAtItsPath() throws IOException {
        assertThat(flaggedAt("{\"scenes\": [{\"transition\": {\"style\": \"fadee\"}, \"elements\": []}]}"))
                .contains("/scenes/0/transition/style");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"image\", \"src\": \"a.png\", \"position\": \"top-middle\"}]}]}"))
                .contains("/scenes/0/elements/0/position");
        assertThat(flaggedAt("{\"resolution\": \"4k\", \"scenes\": [{\"elements\": []}]}")).contains("/resolution");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"subtitles\", \"settings\": {\"style\": \"karaoke\"}}]}]}"))
                .contains("/scenes/0/elements/0/settings/style");
    }

    @Test
    void aWrongTypeOrRangeIsFlaggedAtItsPath() throws IOException {
        assertThat(flaggedAt("{\"fps\": true, \"scenes\": [{\"elements\": []}]}")).contains("/fps");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"text\", \"text\": \"t\", \"opacity\": 2}]}]}"))
                .contains("/scenes/0/elements/0/opacity");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"video\", \"src\": \"v.mp4\", \"loop\": 0}]}]}"))
                .contains("/scenes/0/elements/0/loop");
        assertThat(flaggedAt("{\"scenes\": \"all\"}")).contains("/scenes");
        assertThat(flaggedAt("{\"client-data\": 7, \"scenes\": [{\"elements\": []}]}")).contains("/client-data");
    }

    @Test
    void aMissingRequiredKeyIsFlaggedAtItsObject() throws IOException {
        List<Error> errors = validate("{\"scenes\": [{\"elements\": [{\"src\": \"a.png\"}]}]}");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.getInstanceLocation().toString()).isEqualTo("/scenes/0/elements/0");
            assertThat(e.getKeyword()).isEqualTo("required");
            assertThat(e.getMessage()).contains("type");
        });
        assertThat(flaggedAt("{\"elements\": []}")).contains("");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"video\"}]}]}")).contains("/scenes/0/elements/0");
        assertThat(flaggedAt("{\"preload\": [{\"type\": \"image\", \"src\": \"a.png\"}], \"scenes\": [{\"elements\": []}]}"))
                .contains("/preload/0");
    }

    @Test
    void templatesAndOtherSpellingsTheReaderTakesValidate() throws IOException {
        assertThat(validate("""
                {"fps": "{{ rate }}", "quality": " HIGH ", "width": "640", "height": 360, "draft": "true",
                 "scenes": [{"duration": "{{ d + 1 }}", "elements": [{"type": "Text", "text": 5, "style": "7",
                   "opacity": null, "pan": null, "position": "{{ where }}", "z-index": 5.0}]}]}""")).isEmpty();
    }

    @Test
    void widthAndHeightBesideANamedResolutionAreIgnoredAsTheReaderIgnoresThem() throws Exception {
        String beside = "{\"resolution\": \"HD\", \"width\": \"auto\", \"scenes\": [{\"elements\": []}]}";
        assertThat(readerAccepts(beside)).isTrue();
        assertThat(validate(beside)).isEmpty();
        assertThat(flaggedAt("{\"resolution\": \"custom\", \"width\": 20, \"scenes\": [{\"elements\": []}]}"))
                .contains("/width");
        assertThat(flaggedAt("{\"width\": 4000, \"height\": 360, \"scenes\": [{\"elements\": []}]}")).contains("/width");
    }

    @Test
    void anAiImagesKeysAreCheckedOnlyWhenItHasNoSrc() throws Exception {
        String withSrc = "{\"scenes\": [{\"elements\": [{\"type\": \"image\", \"src\": \"a.png\", \"aspect-ratio\": \"wide\"}]}]}";
        assertThat(readerAccepts(withSrc)).isTrue();
        assertThat(validate(withSrc)).isEmpty();
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"image\", \"prompt\": \"a house\", "
                + "\"aspect-ratio\": \"wide\"}]}]}")).contains("/scenes/0/elements/0/aspect-ratio");
        assertThat(flaggedAt("{\"scenes\": [{\"elements\": [{\"type\": \"image\"}]}]}")).contains("/scenes/0/elements/0");
    }

    /** The movies and elements docs/format.md shows validate too (FormatReferenceTest proves the reader takes them). */
    @Test
    void theReferencesExamplesValidate() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs", "format.md"));
        Map<String, List<String>> failures = new LinkedHashMap<>();
        StringBuilder block = null;
        int checked = 0;
        for (String line : lines) {
            if (block == null && line.trim().equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.startsWith("```")) {
                JsonNode node = JSON.readTree(block.toString());
                String movie = node.has("scenes") ? block.toString()
                        : node.has("type") ? "{\"scenes\": [{\"elements\": [" + block + "]}]}" : null;
                if (movie != null) {
                    checked++;
                    List<Error> errors = validate(movie);
                    if (!errors.isEmpty()) {
                        failures.put(block.toString(), errors.stream().map(Error::toString).toList());
                    }
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(failures).as("examples of docs/format.md the schema refuses").isEmpty();
    }

    // --- word lists ---------------------------------------------------------------------------------------------

    /** The words a schema property lists in its {@code enum} (directly or in an {@code anyOf} branch). */
    private static Set<String> words(String pointer) {
        JsonNode p = SCHEMA_NODE.at(pointer);
        assertThat(p.isMissingNode()).as("%s in the schema", pointer).isFalse();
        Set<String> out = new LinkedHashSet<>();
        List<JsonNode> nodes = new ArrayList<>(List.of(p));
        p.path("anyOf").forEach(nodes::add);
        for (JsonNode n : nodes) {
            n.path("enum").forEach(w -> out.add(w.asText()));
        }
        return out;
    }

    @Test
    void theSchemasWordListsAreTheReaders() {
        Set<String> directions = new LinkedHashSet<>();
        for (Effects.Direction d : Effects.Direction.values()) {
            directions.add(d.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        directions.add("");
        Set<String> captionStyles = new LinkedHashSet<>();
        for (CaptionStyle s : CaptionStyle.values()) {
            captionStyles.add(s.word());
        }
        Set<String> resolutions = new LinkedHashSet<>(Resolution.PRESETS.keySet());
        resolutions.add("custom");
        Set<String> places = new LinkedHashSet<>(Position.byWord().keySet());
        places.addAll(List.of("mid-top-center", "mid-bottom-center"));
        Set<String> aspects = new LinkedHashSet<>(ImagePrompt.ASPECTS);
        aspects.add("square");
        Set<String> voiceModels = new LinkedHashSet<>(VoiceElement.MODELS);
        voiceModels.add("");

        assertThat(words("/properties/resolution")).containsExactlyInAnyOrderElementsOf(resolutions);
        assertThat(words("/properties/quality")).containsExactlyInAnyOrder("low", "medium", "high");
        assertThat(words("/$defs/scene/properties/transition/properties/style")).containsExactlyElementsOf(Transition.STYLES);
        assertThat(words("/$defs/element/properties/type")).containsExactlyInAnyOrderElementsOf(FormatReferenceTest.elementTypes());
        assertThat(words("/$defs/visualKeys/properties/position")).containsExactlyInAnyOrderElementsOf(Position.byWord().keySet());
        assertThat(words("/$defs/visualKeys/properties/pan")).containsExactlyInAnyOrderElementsOf(directions);
        assertThat(words("/$defs/subtitleSettings/properties/style")).containsExactlyInAnyOrderElementsOf(captionStyles);
        assertThat(words("/$defs/subtitleSettings/properties/position")).containsExactlyInAnyOrderElementsOf(places);
        assertThat(words("/$defs/subtitles/properties/position")).containsExactlyInAnyOrderElementsOf(places);
        assertThat(words("/$defs/text/properties/style")).containsExactlyElementsOf(TextStyle.all().keySet());
        assertThat(words("/$defs/image/allOf/2/else/properties/aspect-ratio")).containsExactlyInAnyOrderElementsOf(aspects);
        assertThat(words("/$defs/voice/properties/model")).containsExactlyInAnyOrderElementsOf(voiceModels);
        List<String> components = new ArrayList<>();
        SCHEMA_NODE.at("/$defs/component/properties/component/examples").forEach(c -> components.add(c.asText()));
        assertThat(components).as("the shipped components the schema offers (shape/html is refused)")
                .containsExactlyInAnyOrderElementsOf(dev.moviola.movie.component.ComponentLibrary.shipped().ids()
                        .stream().filter(id -> !id.equals("shape/html")).toList());
        // Every word of every list validates where it is listed.
        for (String t : Position.byWord().keySet()) {
            assertThat(ok("{\"scenes\": [{\"elements\": [{\"type\": \"text\", \"text\": \"t\", \"position\": \"" + t + "\"}]}]}"))
                    .as(t).isTrue();
        }
        for (String s : Transition.STYLES) {
            assertThat(ok("{\"scenes\": [{\"transition\": {\"style\": \"" + s.toUpperCase(Locale.ROOT) + "\"}, \"elements\": []}]}"))
                    .as(s).isTrue();
        }
    }

    @Test
    void eachShippedComponentsGroupsAndTheirKeysAreTheLibrarys() {
        dev.moviola.movie.component.ComponentLibrary library = dev.moviola.movie.component.ComponentLibrary.shipped();
        Map<String, JsonNode> branches = new LinkedHashMap<>();
        for (JsonNode branch : SCHEMA_NODE.at("/$defs/component/allOf")) {
            String pattern = branch.at("/if/properties/component/pattern").asText("");
            if (!pattern.isEmpty()) {
                String id = library.ids().stream().filter(i -> Pattern.compile(pattern).matcher(i).find()).findFirst()
                        .orElseThrow(() -> new AssertionError("no shipped component matches " + pattern));
                assertThat(Pattern.compile(pattern).matcher(" " + id.toUpperCase(Locale.ROOT) + " ").find()).as(id).isTrue();
                branches.put(id, branch.get("then"));
            }
        }
        assertThat(branches.keySet()).containsExactlyInAnyOrderElementsOf(library.ids());
        for (String id : library.ids()) {
            var def = library.get(id).orElseThrow();
            JsonNode settings = branches.get(id).at("/properties/settings");
            Set<String> groups = new TreeSet<>();
            settings.path("properties").fieldNames().forEachRemaining(groups::add);
            Set<String> expected = new TreeSet<>(def.aliases().keySet());
            def.groups().keySet().stream().filter(g -> !def.numbered().containsKey(g)).forEach(expected::add);
            assertThat(groups).as("the groups of %s", id).isEqualTo(expected);
            for (Map.Entry<String, Integer> n : def.numbered().entrySet()) {
                String name = n.getKey();
                Pattern numbered = Pattern.compile(settings.path("patternProperties").fieldNames().next());
                assertThat(numbered.matcher(name + "1").find() && numbered.matcher(name + n.getValue()).find()
                        && !numbered.matcher(name + (n.getValue() + 1)).find() && !numbered.matcher(name + "0").find())
                        .as("%s's %s1…%s%d", id, name, name, n.getValue()).isTrue();
            }
            for (var g : def.groups().values()) {
                JsonNode schema = def.numbered().containsKey(g.name())
                        ? settings.path("patternProperties").elements().next() : settings.path("properties").path(g.name());
                Set<String> keys = new TreeSet<>();
                schema.at("/anyOf/0/properties").fieldNames().forEachRemaining(keys::add);
                assertThat(keys).as("the keys of %s's %s", id, g.name()).containsExactlyInAnyOrderElementsOf(g.accepts());
                boolean flat = false;
                for (JsonNode alt : schema.path("anyOf")) {
                    flat |= alt.path("type").toString().contains("string");
                }
                assertThat(flat).as("%s's %s may be given as text", id, g.name()).isEqualTo(g.textKey() != null);
            }
            assertThat(branches.get(id).at("/properties/component").has("not")).as("%s is refused", id)
                    .isEqualTo(def.refused() != null);
        }
        assertThat(ok("{\"scenes\": [{\"elements\": [{\"type\": \"component\", \"component\": \"shape/html\"}]}]}"))
                .as("shape/html, which this version refuses").isFalse();
    }

    private static boolean ok(String json) {
        try {
            return validate(json).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- every key the reader accepts is in the schema -----------------------------------------------------------

    /** One object the reader finished: where it is in the document it read, what it was, and the keys it knew. */
    private record Seen(String document, String path, JsonNode root, JsonNode node, Set<String> known) {
    }

    @Test
    void everyKeyTheReaderAcceptsIsDeclaredWhereTheSchemaValidatesIt() throws IOException {
        List<Seen> seen = new ArrayList<>();
        for (Doc d : documents()) {
            read(d.name(), d.json(), seen);
        }
        for (String type : FormatReferenceTest.elementTypes()) {
            read("one " + type, "{\"scenes\": [{\"elements\": [{\"type\": \"" + type + "\"}]}]}", seen);
        }
        // Every known key set to {} and to [{}], so that objects the reader reads from any key are visited too.
        for (String filler : List.of("{}", "[{}]")) {
            List<Seen> found = new ArrayList<>(seen);
            ObjectNode root = FormatReferenceTest.fill(keysAt(found, ""), filler);
            root.set("scenes", JSON.createArrayNode().add(FormatReferenceTest.fill(keysAt(found, "scenes[]"), filler)
                    .set("elements", JSON.createArrayNode())));
            ArrayNode elements = JSON.createArrayNode();
            for (String type : FormatReferenceTest.elementTypes()) {
                elements.add(FormatReferenceTest.fill(keysOfType(found, type), filler).put("type", type));
            }
            ((ObjectNode) root.get("scenes").get(0)).set("elements", elements);
            read("every key set to " + filler, root.toString(), seen);
        }
        Map<String, Map<String, String>> missing = new TreeMap<>();
        Set<String> places = new TreeSet<>();
        for (Seen s : seen) {
            if (skipped(s)) {
                continue;
            }
            places.add(generic(s.path()));
            Set<String> declared = declaredAt(s);
            for (String key : s.known()) {
                if (!declared.contains(key)) {
                    missing.computeIfAbsent(generic(s.path()), k -> new TreeMap<>()).putIfAbsent(key, "seen in " + s.document());
                }
            }
        }
        assertThat(places).as("the kinds of object the reader was seen reading").contains("", "scenes[]",
                "scenes[].transition", "scenes[].elements[]", "scenes[].elements[].settings", "scenes[].elements[].crop",
                "scenes[].elements[].scale", "scenes[].elements[].rotate", "scenes[].elements[].chroma-key",
                "scenes[].elements[].correction", "elements[]", "elements[].settings", "preload[]", "exports[]",
                "exports[].destinations[]");
        assertThat(missing).as("keys the reader accepts that the schema does not declare where it validates them")
                .isEmpty();
    }

    @Test
    void theWalkFollowsEachElementsTypeToItsKeys() throws IOException {
        String json = """
                {"scenes": [{"elements": [{"type": "audio", "src": "a.mp3"}, {"type": "TEXT", "text": "t"}]}]}""";
        JsonNode root = JSON.readTree(json);
        Set<String> audio = declaredAt(new Seen("", "scenes[0].elements[0]", root, root.at("/scenes/0/elements/0"), Set.of()));
        Set<String> text = declaredAt(new Seen("", "scenes[0].elements[1]", root, root.at("/scenes/0/elements/1"), Set.of()));
        Set<String> settings = declaredAt(new Seen("", "scenes[0].elements[1].settings", root,
                JSON.createObjectNode(), Set.of()));
        assertThat(audio).contains("type", "start", "src", "seek", "volume").doesNotContain("z-index", "text", "settings");
        assertThat(text).contains("type", "start", "text", "style", "settings", "z-index").doesNotContain("src", "seek");
        assertThat(settings).contains("font-weight", "padding").doesNotContain("max-words-per-line");
    }

    private void read(String document, String json, List<Seen> out) throws IOException {
        JsonNode root = JSON.readTree(json);
        Fields.FINISHED.set((fields, known) -> out.add(new Seen(document, fields.where().path(), root, fields.node(), known)));
        try {
            Pipeline.read(json, Renders.settings(dir));
        } catch (InvalidMovieException e) {
            // What matters here is which keys each object was read for, not whether the document is valid.
        } finally {
            Fields.FINISHED.remove();
        }
    }

    /**
     * Objects refused as a whole, whose keys are all "known" without being read: an element with no type or an
     * unknown one, a destination that is not a webhook.
     */
    private static boolean skipped(Seen s) {
        String g = generic(s.path());
        if (g.endsWith("elements[]") || g.equals("preload[]")) {
            return !FormatReferenceTest.elementTypes().contains(s.node().path("type").asText("").trim().toLowerCase(Locale.ROOT));
        }
        if (g.equals("exports[].destinations[]")) {
            return !s.node().path("type").asText("").equals("webhook");
        }
        return false;
    }

    private static final Pattern INDEX = Pattern.compile("\\[\\d+\\]");

    private static String generic(String path) {
        return INDEX.matcher(path).replaceAll("[]");
    }

    private static Set<String> keysAt(List<Seen> seen, String genericPath) {
        Set<String> keys = new TreeSet<>();
        seen.stream().filter(s -> generic(s.path()).equals(genericPath)).forEach(s -> keys.addAll(s.known()));
        keys.removeAll(Set.of("scenes", "elements", "type"));
        return keys;
    }

    private static Set<String> keysOfType(List<Seen> seen, String type) {
        Set<String> keys = new TreeSet<>();
        seen.stream().filter(s -> generic(s.path()).endsWith("elements[]") && !skipped(s)
                && s.node().path("type").asText("").trim().equalsIgnoreCase(type)).forEach(s -> keys.addAll(s.known()));
        keys.remove("type");
        return keys;
    }

    // --- walking the schema -------------------------------------------------------------------------------------

    private static final Pattern SEGMENT = Pattern.compile("\\.?([^.\\[\\]\"]+)|\\[(\\d+)\\]|\\[(\"(?:[^\"\\\\]|\\\\.)*\")\\]");

    /** A message path ({@code scenes[0].elements[1].settings}, {@code client-data["a b"]}) as keys and indexes. */
    static List<Object> segments(String path) throws IOException {
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int at = 0;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new AssertionError("cannot read the path " + path);
            }
            if (m.group(1) != null) {
                out.add(m.group(1));
            } else if (m.group(2) != null) {
                out.add(Integer.parseInt(m.group(2)));
            } else {
                out.add(JSON.readTree(m.group(3)).asText());
            }
            at = m.end();
        }
        return out;
    }

    /** The keys the schema declares for the object at {@code s.path()}: the union over the subschemas that apply there. */
    private static Set<String> declaredAt(Seen s) throws IOException {
        List<Object> path = segments(s.path());
        JsonNode instance = s.root();
        List<JsonNode> schemas = applicable(SCHEMA_NODE, path.isEmpty() ? s.node() : instance);
        for (int i = 0; i < path.size(); i++) {
            Object seg = path.get(i);
            instance = seg instanceof Integer n ? instance.path(n) : instance.path((String) seg);
            JsonNode here = i == path.size() - 1 ? s.node() : instance.isMissingNode() ? NullNode.instance : instance;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode schema : schemas) {
                JsonNode child = child(schema, seg);
                if (child != null) {
                    next.addAll(applicable(child, here));
                }
            }
            schemas = next;
        }
        Set<String> declared = new TreeSet<>();
        for (JsonNode schema : schemas) {
            schema.path("properties").fieldNames().forEachRemaining(declared::add);
        }
        return declared;
    }

    /** What validates a key or an item of instances of {@code schema}; null when it says nothing about them. */
    private static JsonNode child(JsonNode schema, Object seg) {
        if (seg instanceof Integer) {
            return schema.has("items") ? schema.get("items") : null;
        }
        String key = (String) seg;
        if (schema.path("properties").has(key)) {
            return schema.get("properties").get(key);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("patternProperties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Pattern.compile(e.getKey()).matcher(key).find()) {
                return e.getValue();
            }
        }
        return schema.has("additionalProperties") ? schema.get("additionalProperties") : null;
    }

    private static final Map<JsonNode, Schema> CONDITIONS = new HashMap<>();

    /**
     * {@code schema} and the subschemas that apply with it to {@code instance}: {@code $ref}s followed, every
     * {@code allOf}, {@code anyOf} and {@code oneOf} branch, and {@code then} or {@code else} as {@code if} decides.
     */
    private static List<JsonNode> applicable(JsonNode schema, JsonNode instance) {
        List<JsonNode> out = new ArrayList<>();
        out.add(schema);
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            out.addAll(applicable(SCHEMA_NODE.at(ref.substring(1)), instance));
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(k).forEach(branch -> out.addAll(applicable(branch, instance)));
        }
        if (schema.has("if")) {
            Schema condition = CONDITIONS.computeIfAbsent(schema.get("if"), REGISTRY::getSchema);
            boolean holds = condition.validate(instance).isEmpty();
            JsonNode branch = schema.path(holds ? "then" : "else");
            if (!branch.isMissingNode()) {
                out.addAll(applicable(branch, instance));
            }
        }
        return out;
    }
}
