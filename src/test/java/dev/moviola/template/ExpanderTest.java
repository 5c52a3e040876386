package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Templating of whole documents (docs/format.md#templating), checked on the expanded JSON. */
class ExpanderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode expand(String json) throws Exception {
        return expand(json, Map.of());
    }

    static JsonNode expand(String json, Map<String, Object> overrides) throws Exception {
        return Expander.expand(JSON.readTree(json), overrides).document();
    }

    static List<Problem> errors(String json) throws Exception {
        try {
            Expander.expand(JSON.readTree(json), Map.of());
        } catch (InvalidMovieException e) {
            return e.errors();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void aLoneExpressionKeepsItsTypeAndTextIsSpliced() throws Exception {
        JsonNode m = expand("""
                {"variables": {"d": 3, "flag": true, "room": {"name": "Den"}, "rooms": [1, 2], "half": 1.5,
                               "address": "123 Oak Street"},
                 "scenes": [{"duration": "{{ d + 2 }}", "elements": [{"type": "text",
                   "a": "{{ flag }}", "b": "  {{ room }} ", "c": "{{rooms}}", "d": "{{ half }}",
                   "text": "Welcome to {{ address }}: {{ d }} rooms, {{ half }} baths, {{ 10 / 4 }}, {{ 9 / 3 }}, {{ room }}"}]}]}""");
        JsonNode s = m.at("/scenes/0");
        assertThat(s.get("duration").isNumber()).isTrue();
        assertThat(s.get("duration").asInt()).isEqualTo(5);
        JsonNode e = s.at("/elements/0");
        assertThat(e.get("a").isBoolean()).isTrue();
        assertThat(e.get("b").isObject()).as("whitespace around a lone {{ }} keeps the type").isTrue();
        assertThat(e.get("c").isArray()).isTrue();
        assertThat(e.get("d").asDouble()).isEqualTo(1.5);
        assertThat(e.get("text").asText())
                .isEqualTo("Welcome to 123 Oak Street: 3 rooms, 1.5 baths, 2.5, 3, {\"name\":\"Den\"}");
    }

    @Test
    void movieLevelKeysAreTemplatedToo() throws Exception {
        JsonNode m = expand("""
                {"variables": {"q": "low", "w": 400, "brand": "Acme"}, "quality": "{{ q }}", "width": "{{ w }}",
                 "height": "{{ w / 2 }}", "client-data": {"brand": "{{ brand }}"}, "scenes": [{}]}""");
        assertThat(m.get("quality").asText()).isEqualTo("low");
        assertThat(m.get("width").asInt()).isEqualTo(400);
        assertThat(m.get("height").asInt()).isEqualTo(200);
        assertThat(m.at("/client-data/brand").asText()).isEqualTo("Acme");
    }

    @Test
    void innerScopesShadowOuterOnesAndOverridesReplaceMovieVariables() throws Exception {
        JsonNode m = expand("""
                {"variables": {"x": "movie", "y": "movie", "z": "movie"},
                 "elements": [{"type": "text", "text": "{{ x }}"}],
                 "scenes": [
                   {"variables": {"x": "scene", "w": "{{ y }}-scene"}, "elements": [
                     {"type": "text", "text": "{{ x }}"},
                     {"type": "text", "variables": {"x": "element"}, "text": "{{ x }} {{ w }} {{ z }}"}]},
                   {"variables": {"x": "scene"}, "iterate": "list", "elements": [{"type": "text", "text": "{{ x }}"}]}]}""",
                Map.of("z", "override", "list", List.of(Map.of("x", "item"))));
        assertThat(m.at("/elements/0/text").asText()).isEqualTo("movie");
        assertThat(m.at("/scenes/0/elements/0/text").asText()).isEqualTo("scene");
        assertThat(m.at("/scenes/0/elements/1/text").asText()).isEqualTo("element movie-scene override");
        assertThat(m.at("/scenes/1/elements/0/text").asText()).as("item keys shadow scene variables").isEqualTo("item");
    }

    @Test
    void iterateExpandsScenesWithAndWithoutAName() throws Exception {
        JsonNode m = expand("""
                {"variables": {"rooms": [{"name": "Kitchen", "image": "k.jpg"}, {"name": "Den", "image": "d.jpg"}],
                               "tags": ["a", "b", "c"]},
                 "scenes": [
                   {"id": "room", "iterate": "rooms", "iterate-as": "room", "elements": [
                     {"type": "image", "src": "{{ room.image }}"},
                     {"type": "text", "text": "{{ index + 1 }}/{{ count }} {{ name }} = {{ room.name }}"}]},
                   {"iterate": "tags", "elements": [{"type": "text", "text": "{{ item }}{{ index }}"}]}]}""");
        JsonNode scenes = m.get("scenes");
        assertThat(scenes).hasSize(5);
        assertThat(scenes.get(0).get("id").asText()).isEqualTo("room-0");
        assertThat(scenes.get(1).get("id").asText()).isEqualTo("room-1");
        assertThat(scenes.get(1).at("/elements/0/src").asText()).isEqualTo("d.jpg");
        assertThat(scenes.get(1).at("/elements/1/text").asText()).isEqualTo("2/2 Den = Den");
        assertThat(scenes.get(4).at("/elements/0/text").asText()).isEqualTo("c2");
        assertThat(scenes.get(0).has("iterate")).isFalse();
    }

    @Test
    void iterateOverAnEmptyArrayMakesNoScenesAndOverANonArrayIsAnError() throws Exception {
        assertThat(expand("{\"variables\": {\"none\": []}, \"scenes\": [{\"iterate\": \"none\"}, {}]}").get("scenes")).hasSize(1);
        assertThat(errors("{\"variables\": {\"rooms\": {\"a\": 1}}, \"scenes\": [{\"iterate\": \"rooms\"}]}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].iterate");
                    assertThat(p.message()).contains("\"rooms\" is an object, not an array");
                });
        assertThat(errors("{\"scenes\": [{\"iterate\": \"rooms\"}]}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("undefined variable \"rooms\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "\"false\"", "0", "\"0\"", "\"\"", "null", "\"{{ missing }}\"", "\"nothing\"",
        "\"{{ no }}\"", "\"zero > 1\"", "\"{{ empty }}\"", "\"not yes\"", "\"{{ missing_obj.field }}\"",
        "\"missing.list[0] > 1\""})
    void falsyConditionsDropTheirSceneOrElement(String condition) throws Exception {
        JsonNode m = expand("""
                {"variables": {"nothing": null, "no": false, "zero": 0, "empty": "", "yes": true},
                 "scenes": [{"condition": %1$s, "elements": [{"type": "text", "text": "{{ undefined_here }}"}]},
                            {"elements": [{"type": "text", "text": "stays"},
                                          {"type": "text", "condition": %1$s, "text": "{{ undefined_too }}"}]}]}"""
                .formatted(condition));
        assertThat(m.get("scenes")).as("undefined variables inside dropped parts are no error").hasSize(1);
        assertThat(m.at("/scenes/0/elements")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "\"yes\"", "\"{{ yes }}\"", "\"{{ zero + 1 }}\"", "\"'text'\"", "\"rooms\""})
    void truthyConditionsKeepThem(String condition) throws Exception {
        JsonNode m = expand("""
                {"variables": {"yes": true, "zero": 0, "rooms": []},
                 "scenes": [{"condition": %s, "elements": []}]}""".formatted(condition));
        assertThat(m.get("scenes")).hasSize(1);
    }

    @Test
    void aConditionMixingTextAndExpressionsIsAnError() throws Exception {
        assertThat(errors("{\"scenes\": [{\"condition\": \"{{ a }} and {{ b }}\"}]}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].condition");
            assertThat(p.message()).contains("write the whole condition as one expression");
        });
    }

    @Test
    void anUndefinedVariableNamesItselfAndWhereItWasUsedWithTheIteration() throws Exception {
        List<Problem> problems = errors("""
                {"variables": {"rooms": [{"name": "a"}, {"name": "b"}]},
                 "scenes": [{"elements": []},
                            {"iterate": "rooms", "elements": [{"type": "text", "text": "{{ index == 1 ? nmae : name }}"}]}]}""");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[1].elements[0].text (iteration 2 of rooms)");
            assertThat(p.message()).contains("undefined variable \"nmae\"");
        });
    }

    @Test
    void aPathThroughAnUndefinedVariableOutsideAConditionNamesTheVariable() throws Exception {
        assertThat(errors("""
                {"scenes": [{"elements": [{"type": "text", "text": "Hello {{ missing_obj.field }}"}]}]}""")).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].text");
                    assertThat(p.message()).contains("undefined variable \"missing_obj\"");
                });
    }

    @Test
    void metadataKeysAreNeverRendered() throws Exception {
        JsonNode m = expand("""
                {"@note": "{{ x }}", "scenes": [{"_draft": "{{ y }}", "elements": [
                  {"type": "text", "text": "t", "?why": "{{ z }}", "settings": {"$x": "{{ w }}"}}]}]}""");
        assertThat(m.get("@note").asText()).isEqualTo("{{ x }}");
        assertThat(m.at("/scenes/0/_draft").asText()).isEqualTo("{{ y }}");
        assertThat(m.at("/scenes/0/elements/0/settings/$x").asText()).isEqualTo("{{ w }}");
    }

    @Test
    void importAppendsAnotherScenesElementsRenderedHere() throws Exception {
        JsonNode m = expand("""
                {"scenes": [{"id": "brand", "variables": {"who": "brand"}, "elements": [{"type": "text", "text": "logo {{ who }}"}]},
                            {"import": "brand", "variables": {"who": "second"}, "elements": [{"type": "text", "text": "own"}]}]}""");
        assertThat(m.at("/scenes/1/elements")).hasSize(2);
        assertThat(m.at("/scenes/1/elements/1/text").asText()).isEqualTo("logo second");
        assertThat(errors("{\"scenes\": [{\"import\": \"nope\"}]}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no scene has the id \"nope\""));
    }

    @Test
    void preloadedSourcesAreVariables() throws Exception {
        JsonNode m = expand("""
                {"preload": [{"id": "hero", "type": "image", "src": "https://example.com/hero.jpg"}],
                 "scenes": [{"elements": [{"type": "image", "src": "{{ hero_url }}"}]}]}""");
        assertThat(m.at("/scenes/0/elements/0/src").asText()).isEqualTo("https://example.com/hero.jpg");
    }

    @Test
    void timingVariablesAreDeferredWithTheirScope() throws Exception {
        Expansion x = Expander.expand(JSON.readTree("""
                {"scenes": [{"variables": {"gap": 0.5}, "elements": [{"type": "video", "id": "intro", "src": "v.mp4"},
                  {"type": "text", "text": "after", "start": "{{ intro_end + gap }}"}]}]}"""), Map.of());
        assertThat(x.deferred()).singleElement().satisfies(d -> {
            assertThat(d.pointer().toString()).isEqualTo("/scenes/0/elements/1/start");
            assertThat(d.where().toString()).isEqualTo("scenes[0].elements[1].start");
            assertThat(d.scene()).isZero();
        });
    }

    /** What expanding a document cost: its problems, the time and the bytes allocated. */
    record Cost(List<Problem> problems, long millis, long bytes) {
    }

    static Cost cost(String json) throws Exception {
        JsonNode tree = JSON.readTree(json);
        try (dev.moviola.testing.Bounded b = new dev.moviola.testing.Bounded(java.time.Duration.ofSeconds(20))) {
            var r = b.run(() -> {
                try {
                    Expander.expand(tree, Map.of(), dev.moviola.movie.Limits.DEFAULT);
                    return List.<Problem>of();
                } catch (InvalidMovieException e) {
                    return e.errors();
                }
            });
            assertThat(r.timedOut()).as("took more than 20 s").isFalse();
            assertThat(r.thrown()).isNull();
            return new Cost(r.value(), r.millis(), r.allocatedBytes());
        }
    }

    /** docs/format.md#limits: at most 500 scenes; iterate stops there instead of making millions first. */
    @Test
    void iterateStopsAtTheSceneLimit() throws Exception {
        String items = "0,".repeat(1_000_000) + "0";
        Cost c = cost("""
                {"variables": {"many": [%s]}, "scenes": [{"iterate": "many", "elements": [
                  {"type": "text", "text": "scene {{ index }} of {{ count }}"}]}]}""".formatted(items));
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].iterate");
            assertThat(p.message()).contains("more than 500 scenes");
        });
        assertThat(c.bytes()).as("bytes allocated").isLessThan(256L << 20);
    }

    /** A few kilobytes of document must not template into gigabytes of text or minutes of work. */
    @Test
    void templatingIsBoundedInWorkAndText() throws Exception {
        String manyExpressions = "{{ index }}".repeat(100_000);
        Cost work = cost("""
                {"variables": {"items": [%s]}, "scenes": [{"iterate": "items", "elements": [
                  {"type": "text", "text": "%s"}]}]}""".formatted("1,".repeat(499) + "1", manyExpressions));
        assertThat(work.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).contains("templates"));
        assertThat(work.millis()).as("ms").isLessThan(10_000);

        String big = "x".repeat(900_000);
        Cost text = cost("""
                {"variables": {"big": "%s", "items": [%s]}, "scenes": [{"iterate": "items", "elements": [
                  {"type": "text", "text": "{{ index }} {{ big }}"}]}]}""".formatted(big, "1,".repeat(499) + "1"));
        assertThat(text.problems()).isNotEmpty().first().satisfies(p -> {
            assertThat(p.path()).startsWith("scenes[0].elements[0].text");
            assertThat(p.message()).contains("templates");
        });
        assertThat(text.bytes()).as("bytes allocated").isLessThan(512L << 20);
    }

    /**
     * Found by MovieFuzzTest: a request variable holding a number JSON cannot write (CLI --var, API overrides) threw
     * ArithmeticException out of templating instead of a problem at the place that used it.
     */
    @Test
    void aVariableJsonCannotWriteIsAProblemWhereItIsUsed() throws Exception {
        JsonNode doc = JSON.readTree("{\"scenes\": [{\"elements\": [{\"type\": \"text\", \"text\": \"{{ v }}\"}]}]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Expander.expand(doc,
                Map.of("v", List.of(1L, Double.POSITIVE_INFINITY)))).isInstanceOfSatisfying(InvalidMovieException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].text");
                    assertThat(p.message()).contains("not a finite number");
                }));
    }
}
