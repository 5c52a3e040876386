package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.testing.Renders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/format.md is the reference of the movie format: it must name every key the reader accepts, in the section
 * of the object that takes it, and its movie examples must read without a problem.
 *
 * <p>The keys come from the reader itself: {@link Fields#FINISHED} tells which keys each object knew when it was
 * finished. Documents with one element of every type the reader names, a document with every kind of nested
 * object, and documents that set every known key to {@code {}} and to {@code [{}]} (so that objects read from a new
 * key are visited too) are read, and every key found must appear as {@code `key`} in its object's section. A new
 * kind of nested object fails the test until it is given a section here and in the reference.
 */
class FormatReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REFERENCE = Path.of("docs", "format.md");

    /** Anchors that source comments and messages link to: renaming a heading must not break them. */
    private static final List<String> ANCHORS = List.of("conventions", "movie", "exports", "scenes", "transition",
            "elements", "common-keys", "visual-keys", "crop", "sound-keys", "image", "video", "text", "text-settings",
            "text-layout", "audio", "voice", "subtitles", "subtitle-settings", "sources", "not-supported-yet", "html", "component",
            "audiogram", "ai-images", "text-styles", "effects", "values", "colours", "lengths", "positions",
            "resolutions", "frame-rates", "templating", "variables", "substitution", "expressions", "conditions",
            "iterate", "import", "preload", "timing-variables", "metadata-keys", "template-budgets", "timeline",
            "scene-length", "element-durations", "seek-and-loop", "extra-time-and-fades", "transition-timing",
            "sound", "movie-level-elements", "placement", "layer-order", "output", "caching", "cache-layers",
            "the-cache-flag", "warnings-and-errors", "paths", "unknown-keys", "invalid-json", "exit-codes", "limits");

    /** Keys the templating consumes before the reader sees the document, by the kind of object that takes them. */
    private static final Map<String, List<String>> TEMPLATE_KEYS = Map.of(
            "movie", List.of("variables", "preload"),
            "scene", List.of("variables", "condition", "iterate", "iterate-as", "import"),
            "element", List.of("variables", "condition"));

    /** The element types the reader names, read before any test sets {@link Fields#FINISHED}. */
    private static final List<String> TYPES = elementTypes();

    @TempDir
    Path dir;

    @Test
    void theReferenceHasTheAnchorsThatAreLinkedTo() throws IOException {
        assertThat(Reference.load().sections.keySet()).containsAll(ANCHORS);
    }

    @Test
    void everyKeyTheReaderAcceptsIsDocumentedInItsObjectsSection() throws IOException {
        Reference reference = Reference.load();
        Map<String, Set<String>> undocumented = new LinkedHashMap<>();
        Set<String> kindsSeen = new TreeSet<>();
        for (Seen seen : readerKeys()) {
            kindsSeen.add(seen.kind);
            for (String key : seen.keys) {
                if (!reference.names(key, seen.sections)) {
                    undocumented.computeIfAbsent(key, k -> new TreeSet<>()).add("of " + seen.kind + ", to be named in #"
                            + String.join(" or #", seen.sections));
                }
            }
        }
        assertThat(kindsSeen).as("the kinds of object the reader was seen reading").contains("movie", "export",
                "destination", "scene", "transition", "element image", "element video", "element text",
                "element audio", "element voice", "element subtitles", "crop", "settings");
        assertThat(undocumented).as("keys the reader accepts that docs/format.md does not name as `key` in the "
                + "section of their object").isEmpty();
    }

    @Test
    void keysTheTemplatingConsumesAreAcceptedAndDocumented() throws Exception {
        Document d = Pipeline.read("""
                {"variables": {"xs": [1]}, "preload": [{"type": "image", "id": "p", "src": "p.png"}],
                 "scenes": [{"id": "a", "condition": true, "iterate": "xs", "iterate-as": "x", "variables": {"v": 1},
                   "import": "a", "elements": [{"type": "text", "text": "t", "condition": true, "variables": {"w": 1}}]}]}
                """, settings());
        assertThat(d.draft().warnings()).isEmpty();
        assertThat(d.expansion().warnings()).isEmpty();
        Reference reference = Reference.load();
        for (Map.Entry<String, List<String>> e : TEMPLATE_KEYS.entrySet()) {
            List<String> sections = switch (e.getKey()) {
                case "movie" -> List.of("movie");
                case "scene" -> List.of("scenes");
                default -> List.of("common-keys");
            };
            for (String key : e.getValue()) {
                assertThat(reference.names(key, sections)).as("`%s` in %s", key, sections).isTrue();
            }
        }
    }

    @Test
    void everyWordTheReaderAcceptsIsDocumented() throws IOException {
        Reference reference = Reference.load();
        assertThat(Transition.STYLES).hasSize(44).allSatisfy(style ->
                assertThat(reference.names(style, List.of("transition"))).as("transition style `%s`", style).isTrue());
        assertThat(Resolution.PRESETS.keySet()).allSatisfy(name ->
                assertThat(reference.names(name, List.of("resolutions"))).as("resolution `%s`", name).isTrue());
        assertThat(Position.byWord().keySet()).allSatisfy(word ->
                assertThat(reference.names(word, List.of("positions"))).as("position `%s`", word).isTrue());
        assertThat(TYPES).allSatisfy(type ->
                assertThat(reference.sections).as("a section for the element type %s", type).containsKey(type));
    }

    @Test
    void everyJsonExampleReadsWithoutProblems() throws Exception {
        List<String> blocks = Reference.load().jsonBlocks;
        assertThat(blocks).as("json examples in docs/format.md").hasSizeGreaterThan(10);
        Settings settings = settings();
        int movies = 0;
        for (String block : blocks) {
            JsonNode node;
            try {
                node = JSON.readTree(block);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + block, e);
            }
            String movie;
            if (node.has("scenes")) {
                movie = block;
            } else if (node.has("type")) { // an element: read it in a scene of its own
                movie = "{\"scenes\": [{\"elements\": [" + block + "]}]}";
            } else {
                continue;
            }
            movies++;
            try {
                Document d = Pipeline.read(movie, settings);
                assertThat(d.draft().warnings()).as("warnings of the example %s", block).isEmpty();
                assertThat(d.expansion().warnings()).as("warnings of the example %s", block).isEmpty();
            } catch (InvalidMovieException e) {
                fail("the example does not read: " + e.problems() + "\n" + block);
            }
        }
        assertThat(movies).as("examples that are movies or elements").isGreaterThan(10);
    }

    private Settings settings() {
        return Renders.settings(dir);
    }

    // --- the keys the reader knows, object by object ------------------------------------------------------------

    /** One object as the reader finished it: its kind, the reference sections that must name its keys, its keys. */
    private record Seen(String kind, List<String> sections, Set<String> keys) {
    }

    /** The element types the reader names in its message about an unknown type. */
    static List<String> elementTypes() {
        try {
            new MovieReader(Limits.DEFAULT).read("{\"scenes\": [{\"elements\": [{\"type\": \"no-such-type\"}]}]}");
        } catch (InvalidMovieException e) {
            for (Problem p : e.errors()) {
                int i = p.message().indexOf("use one of: ");
                if (i >= 0) {
                    return List.of(p.message().substring(i + "use one of: ".length()).split(", "));
                }
            }
        }
        throw new AssertionError("the reader no longer lists the element types when a type is wrong");
    }

    /** Every object the reader finishes while reading documents that reach every kind of object it reads. */
    private static List<Seen> readerKeys() throws IOException {
        List<Seen> seen = new ArrayList<>();
        List<String> types = TYPES;
        assertThat(types).contains("image", "video", "text", "audio");
        for (String type : types) {
            read("{\"scenes\": [{\"elements\": [{\"type\": \"" + type + "\"}]}]}", seen);
        }
        read("""
                {"resolution": "custom", "width": 640, "height": 360, "fps": 25, "quality": "low", "cache": true,
                 "draft": false, "id": "m", "client-data": {}, "comment": "", "settings": {}, "variables": {},
                 "exports": [{"destinations": [{"type": "webhook", "endpoint": "https://example.com/hook",
                   "content-type": "json"}]}],
                 "preload": [{"type": "image", "id": "p", "src": "p.png"}],
                 "elements": [{"type": "audio", "src": "a.mp3"}, {"type": "image", "src": "logo.png",
                   "crop": {"width": 1, "height": 1}}],
                 "scenes": [{"elements": []}, {"transition": {"style": "fade", "duration": 0.5}, "elements": [
                   {"type": "image", "src": "i.png", "crop": {"x": 0, "y": 0, "width": 1, "height": 1}},
                   {"type": "video", "src": "v.mp4", "crop": {"width": 1, "height": 1}},
                   {"type": "text", "text": "t", "settings": {"font-size": "5vw"}},
                   {"type": "audio", "src": "a.mp3"}]}]}""", seen);
        // Every known key set to an object and to an array of one object, so objects read from it are visited too.
        List<Seen> found = new ArrayList<>(seen);
        for (String filler : List.of("{}", "[{}]")) {
            ObjectNode root = fill(keysOf(found, "movie"), filler);
            if (filler.equals("{}")) {
                root.set("scenes", JSON.createArrayNode().add(JSON.createObjectNode()));
            }
            read(root.toString(), seen);
            ObjectNode scene = fill(keysOf(found, "scene"), filler);
            read("{\"scenes\": [" + scene + "]}", seen);
            ArrayNode elements = JSON.createArrayNode();
            for (String type : types) {
                elements.add(fill(keysOf(found, "element " + type), filler).put("type", type));
            }
            read("{\"scenes\": [{\"elements\": " + elements + "}]}", seen);
        }
        return seen;
    }

    private static Set<String> keysOf(List<Seen> seen, String kind) {
        Set<String> keys = new TreeSet<>();
        seen.stream().filter(s -> s.kind.equals(kind)).forEach(s -> keys.addAll(s.keys));
        return keys;
    }

    /** An object with each of {@code keys} set to {@code filler} (JSON); MovieSchemaTest fills its documents so too. */
    static ObjectNode fill(Set<String> keys, String filler) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        for (String key : keys) {
            o.set(key, JSON.readTree(filler));
        }
        return o;
    }

    private static void read(String json, List<Seen> out) {
        Fields.FINISHED.set((fields, known) -> classify(fields).ifPresent(s -> out.add(new Seen(s.kind, s.sections,
                known))));
        try {
            new MovieReader(Limits.DEFAULT).read(json);
        } catch (InvalidMovieException e) {
            // The problems do not matter here, only the keys each object was read for.
        } finally {
            Fields.FINISHED.remove();
        }
    }

    private record Kind(String kind, List<String> sections) {
    }

    private static final Pattern INDEX = Pattern.compile("\\[\\d+\\]");
    private static final Pattern ELEMENT = Pattern.compile("^(?:(?:scenes\\[\\]\\.)?elements\\[\\]|preload\\[\\])");

    /**
     * The kind of the object a reader finished, from its path, and the sections of the reference that must name
     * its keys; empty for an element whose type is missing or unknown (its keys are not read, only ignored).
     */
    private static java.util.Optional<Kind> classify(Fields f) {
        String path = ELEMENT.matcher(INDEX.matcher(f.where().path()).replaceAll("[]")).replaceFirst("element");
        Kind kind = switch (path) {
            case "" -> new Kind("movie", List.of("movie"));
            case "exports[]" -> new Kind("export", List.of("exports"));
            case "exports[].destinations[]" -> new Kind("destination", List.of("exports"));
            case "scenes[]" -> new Kind("scene", List.of("scenes"));
            case "scenes[].transition" -> new Kind("transition", List.of("transition"));
            case "element.crop" -> new Kind("crop", List.of("crop"));
            case "element.scale" -> new Kind("scale", List.of("visual-keys"));
            case "element.rotate", "element.chroma-key", "element.correction" -> new Kind("effect", List.of("effects"));
            case "element.settings" -> new Kind("settings", List.of("text-settings", "subtitle-settings"));
            case "element" -> {
                String type = f.node().path("type").asText("").trim().toLowerCase(Locale.ROOT);
                yield TYPES.contains(type) ? new Kind("element " + type,
                        List.of("common-keys", "visual-keys", "sound-keys", type)) : null;
            }
            default -> throw new AssertionError("the reader reads a kind of object this test does not know, at "
                    + f.where().path() + ": document its keys in a section of docs/format.md and map the path to it "
                    + "in FormatReferenceTest.classify");
        };
        return java.util.Optional.ofNullable(kind);
    }

    // --- the reference ------------------------------------------------------------------------------------------

    /** docs/format.md: its sections by anchor, and its json examples. */
    private static final class Reference {
        /** Anchor → the section's text, from its heading to the next heading of the same or a higher level. */
        final Map<String, String> sections = new LinkedHashMap<>();
        final List<String> jsonBlocks = new ArrayList<>();

        static Reference load() throws IOException {
            Reference r = new Reference();
            List<String> lines = Files.readAllLines(REFERENCE);
            List<int[]> headings = new ArrayList<>(); // line, level
            List<String> anchors = new ArrayList<>();
            boolean fenced = false;
            StringBuilder block = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    if (!fenced && line.trim().equals("```json")) {
                        block = new StringBuilder();
                    } else if (fenced && block != null) {
                        r.jsonBlocks.add(block.toString());
                        block = null;
                    }
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    if (block != null) {
                        block.append(line).append('\n');
                    }
                    continue;
                }
                Matcher m = Pattern.compile("^(#{1,6}) (.+)$").matcher(line);
                if (m.matches()) {
                    headings.add(new int[] {i, m.group(1).length()});
                    anchors.add(slug(m.group(2)));
                }
            }
            assertThat(fenced).as("docs/format.md closes every ``` block").isFalse();
            assertThat(new LinkedHashSet<>(anchors)).as("docs/format.md has no two headings with the same anchor")
                    .hasSameSizeAs(anchors);
            for (int h = 0; h < headings.size(); h++) {
                int start = headings.get(h)[0];
                int end = lines.size();
                for (int next = h + 1; next < headings.size(); next++) {
                    if (headings.get(next)[1] <= headings.get(h)[1]) {
                        end = headings.get(next)[0];
                        break;
                    }
                }
                r.sections.put(anchors.get(h), String.join("\n", lines.subList(start, end)));
            }
            return r;
        }

        /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
        static String slug(String heading) {
            return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        }

        /** Whether one of the sections has {@code `word`}. */
        boolean names(String word, List<String> anchors) {
            for (String anchor : anchors) {
                String text = sections.get(anchor);
                if (text == null) {
                    throw new AssertionError("docs/format.md has no section #" + anchor);
                }
                if (text.contains("`" + word + "`")) {
                    return true;
                }
            }
            return false;
        }
    }
}
