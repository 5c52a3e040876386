package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading documents into the model: defaults, the format's spellings, and one problem per mistake. */
class MovieReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    Parsed read(String json) throws InvalidMovieException {
        return reader.read(json);
    }

    List<Problem> errors(String json) {
        try {
            read(json);
        } catch (InvalidMovieException e) {
            return e.errors();
        }
        throw new AssertionError("expected the movie to be invalid: " + json);
    }

    @Test
    void aKeyGivenTwiceTakesItsLastValueAsJavaScriptDoesWithAWarningAtItsPath() throws Exception {
        Parsed p = read("""
                {"scenes": [{"background-color": "red", "duration": 2, "background-color": "lime", "elements": [
                  {"type": "text", "text": "a", "settings": {"font-size": "10px", "color": "red", "font-size": "30px",
                   "font-size": "40px"}}]}],
                 "client-data": {"order": 1, "order": 2}}""");
        Scene scene = p.movie().scenes().get(0);
        assertThat(scene.background()).isEqualTo(Color.parse("lime").orElseThrow());
        assertThat(((TextElement) scene.elements().get(0)).settings().fontSize()).isEqualTo(new CssLength(40, CssLength.Unit.PX));
        assertThat(p.movie().clientData().path("order").asInt()).isEqualTo(2);
        assertThat(p.warnings()).extracting(Problem::path).containsExactly("scenes[0].background-color",
                "scenes[0].elements[0].settings.font-size", "client-data.order");
        assertThat(p.warnings().get(0).message()).contains("given more than once").contains("the last value is used");
    }

    @Test
    void subtitlesBelongToTheMovieOrEachToItsOwnSceneAndNeverTwiceOver() throws Exception {
        Parsed one = read("""
                {"scenes": [{"elements": [{"type": "subtitles", "settings": {"style": "boxed-word"}}]}, {"elements": []}]}""");
        assertThat(one.movie().elements()).singleElement().isInstanceOf(SubtitlesElement.class);
        assertThat(one.movie().scenes().get(0).elements()).as("moved to the movie").isEmpty();
        assertThat(one.warnings()).extracting(Problem::path).containsExactly("scenes[0].elements[0]");
        Parsed each = read("""
                {"scenes": [{"elements": [{"type": "subtitles"}]}, {"elements": [{"type": "subtitles"}]}]}""");
        assertThat(each.movie().elements()).isEmpty();
        assertThat(each.movie().scenes()).allSatisfy(sc -> assertThat(sc.elements()).singleElement()
                .isInstanceOf(SubtitlesElement.class));
        assertThat(errors("""
                {"elements": [{"type": "subtitles"}, {"type": "subtitles"}], "scenes": [{}]}"""))
                .extracting(Problem::path).containsExactly("elements[1]");
        assertThat(errors("""
                {"elements": [{"type": "subtitles"}], "scenes": [{"elements": [{"type": "subtitles"}]}]}"""))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0]");
                    assertThat(p.message()).contains("elements[0]").contains("remove this one");
                });
    }

    @Test
    void voicesAndSubtitlesReadTheirKeys() throws Exception {
        Parsed p = read("""
                {"elements": [{"type": "subtitles", "captions": "", "language": "en-US",
                   "settings": {"style": "classic-progressive", "font-size": 60, "outline-width": -1, "all-caps": true,
                     "font-color": "#ff0000", "word-color": "yellow", "max-words-per-line": 3}, "position": "custom", "x": 2, "y": 63}],
                 "scenes": [{"elements": [{"type": "voice", "text": "Hi", "voice": "en-US-TonyNeural", "model": "ElevenLabs",
                   "model-settings": {"stability": 0.4}, "volume": 0.5}]}]}""");
        SubtitlesElement sub = (SubtitlesElement) p.movie().elements().get(0);
        assertThat(sub.captions()).as("an empty captions is none").isNull();
        assertThat(sub.settings().style()).isEqualTo(SubtitleSettings.CaptionStyle.CLASSIC_PROGRESSIVE);
        assertThat(sub.settings().outlineWidth()).isZero();
        assertThat(sub.settings().lineColor()).isEqualTo(new Color(255, 0, 0, 255));
        assertThat(sub.settings().placement().custom()).isTrue();
        assertThat(sub.settings().placement().x()).isEqualTo(2);
        assertThat(sub.settings().placement().y()).isEqualTo(63);
        VoiceElement v = (VoiceElement) p.movie().scenes().get(0).elements().get(0);
        assertThat(v.model()).isEqualTo("elevenlabs");
        assertThat(v.modelSettings().path("stability").asDouble()).isEqualTo(0.4);
        assertThat(v.playback().volume()).isEqualTo(0.5);
        assertThat(p.warnings()).isEmpty();
        assertThat(errors("{\"scenes\":[{\"elements\":[{\"type\":\"voice\",\"text\":\"x\",\"model\":\"polly\"}]}]}"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("use one of: azure, elevenlabs"));
        assertThat(errors("{\"scenes\":[{\"elements\":[{\"type\":\"voice\"}]}]}")).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("scenes[0].elements[0].text"));
    }

    @Test
    void theSmallestMovieGetsTheDocumentedDefaults() throws Exception {
        Movie m = read("{\"scenes\":[{\"elements\":[]}]}").movie();
        assertThat(m.resolution()).isEqualTo(new Resolution("custom", 640, 360));
        assertThat(m.fps()).isEqualTo(new Fps(25, 1));
        assertThat(m.quality()).isEqualTo(Quality.HIGH);
        assertThat(m.cache()).isTrue();
        assertThat(m.draft()).isFalse();
        Scene s = m.scenes().get(0);
        assertThat(s.duration()).isEqualTo(Timing.AUTO);
        assertThat(s.background()).isEqualTo(Color.BLACK);
        assertThat(s.where()).isEqualTo(Location.of("scenes[0]"));
    }

    @ParameterizedTest
    @CsvSource({"sd,640,360", "hd,1280,720", "full-hd,1920,1080", "squared,1080,1080", "instagram-story,1080,1920",
        "instagram-feed,1080,1080", "instagram-portrait,1080,1920", "twitter-landscape,1600,900",
        "twitter-portrait,1080,1350"})
    void resolutionPresets(String name, int w, int h) throws Exception {
        Resolution r = read("{\"resolution\":\"" + name + "\",\"scenes\":[{}]}").movie().resolution();
        assertThat(r.width()).isEqualTo(w);
        assertThat(r.height()).isEqualTo(h);
    }

    @Test
    void customSizesAreRoundedDownToEvenAndLimited() throws Exception {
        assertThat(read("{\"width\": 321, \"height\": 181, \"scenes\":[{}]}").movie().resolution())
                .isEqualTo(new Resolution("custom", 320, 180));
        assertThat(read("{\"resolution\":\"custom\",\"width\": 2160, \"height\": 3840, \"scenes\":[{}]}").movie()
                .resolution().height()).as("portrait 4K is allowed").isEqualTo(3840);
        assertThat(errors("{\"width\": 3840, \"height\": 3840, \"scenes\":[{}]}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("larger than the limit"));
        assertThat(errors("{\"width\": 40, \"height\": 100, \"scenes\":[{}]}")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("width"));
        assertThat(errors("{\"width\": 400, \"scenes\":[{}]}")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("height"));
    }

    @Test
    void scenesWhoseDurationsAloneExceedTheLengthLimitAreRefusedBeforeAnythingIsFetched() throws Exception {
        assertThat(errors("{\"scenes\":[{\"duration\": 700}, {\"duration\": 600}]}")).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes");
                    assertThat(p.message()).isEqualTo("the movie would last at least 1300.0 s (its scenes' durations),"
                            + " more than the limit of 1200 s; shorten or split it");
                });
        // transitions shorten it by their durations; scenes of automatic length count for nothing here
        assertThat(read("{\"scenes\":[{\"duration\": 700}, {\"duration\": 550, \"transition\": "
                + "{\"style\": \"fade\", \"duration\": 60}}, {\"elements\": []}]}").movie().scenes()).hasSize(3);
    }

    @Test
    void aPresetWithASizeWarnsThatTheSizeIsIgnored() throws Exception {
        Parsed p = read("{\"resolution\":\"hd\",\"width\": 100, \"height\": 100, \"scenes\":[{}]}");
        assertThat(p.movie().resolution().width()).isEqualTo(1280);
        assertThat(p.warnings()).singleElement().satisfies(w -> assertThat(w.path()).isEqualTo("resolution"));
    }

    @ParameterizedTest
    @CsvSource({"25,25,1", "29.97,30000,1001", "23.976,24000,1001", "59.94,60000,1001", "12.5,25,2", "\"30\",30,1"})
    void frameRatesAreExactFractions(String fps, int num, int den) throws Exception {
        assertThat(read("{\"fps\": " + fps + ", \"scenes\":[{}]}").movie().fps()).isEqualTo(new Fps(num, den));
    }

    @Test
    void numericStringsAreAcceptedWhereNumbersAreExpected() throws Exception {
        Movie m = read("""
                {"scenes":[{"duration":"4.5","elements":[{"type":"text","text":"x","start":"0.5","duration":"2",
                  "x":"12","settings":{"font-size":"700","font-weight":"700"}}]}]}""").movie();
        TextElement t = (TextElement) m.scenes().get(0).elements().get(0);
        assertThat(m.scenes().get(0).duration()).isEqualTo(4.5);
        assertThat(t.timing().start()).isEqualTo(0.5);
        assertThat(t.timing().duration()).isEqualTo(2);
        assertThat(t.visual().x()).isEqualTo(12);
        assertThat(t.settings().fontSize()).isEqualTo(new CssLength(700, CssLength.Unit.NUMBER));
        assertThat(t.settings().fontWeight()).isEqualTo(700);
    }

    @Test
    void everyProblemIsFoundInOnePassWithItsPath() {
        List<Problem> problems = errors("""
                {"quality": "ultra", "scenes": [
                  {"duration": 0, "elements": [{"type": "image"}, {"type": "video", "src": "v.mp4", "loop": 0,
                    "volume": 20}]},
                  {"background-color": "nope", "elements": [{"type": "audio", "src": "a.mp3", "seek": -1},
                    {"type": "text", "text": "x", "opacity": 2, "position": "middle"}]}]}""");
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "quality", "scenes[0].duration", "scenes[0].elements[0].src", "scenes[0].elements[1].loop",
                "scenes[0].elements[1].volume", "scenes[1].background-color", "scenes[1].elements[0].seek",
                "scenes[1].elements[1].opacity", "scenes[1].elements[1].position");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
        assertThat(problems).filteredOn(p -> p.path().equals("quality")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("low, medium, high"));
    }

    @Test
    void unknownKeysAreWarningsWithSuggestionsAndMetadataIsSilent() throws Exception {
        Parsed p = read("""
                {"@meta": 1, "_note": "x", "fsp": 30, "scenes":[{"backgroundColor": "red", "?q": 1,
                  "elements":[{"type":"image","src":"a.png","positon":"top-left"}]}]}""");
        assertThat(p.warnings()).extracting(Problem::path)
                .containsExactly("scenes[0].elements[0].positon", "scenes[0].backgroundColor", "fsp");
        assertThat(p.warnings()).extracting(Problem::message).containsExactly(
                "unknown key, ignored; did you mean \"position\"?",
                "unknown key, ignored; did you mean \"background-color\"?",
                "unknown key, ignored; did you mean \"fps\"?");
    }

    @Test
    void featuresNotBuiltYetAreRefusedUnlessNeutral() throws Exception {
        assertThat(errors("{\"scenes\":[{\"elements\":[{\"type\":\"text\",\"text\":\"a\",\"mask\":\"m.png\"}]}]}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].mask");
                    assertThat(p.message()).contains("image and video");
                });
        read("{\"scenes\":[{\"elements\":[{\"type\":\"image\",\"src\":\"a.png\",\"mask\":\"\",\"rotate\":{}}]}]}");
        assertThat(errors("{\"scenes\":[{\"elements\":[{\"type\":\"html\"}]}]}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs \"html\"").contains("or \"src\""));
        assertThat(errors("{\"scenes\":[{\"elements\":[{\"type\":\"text\",\"text\":\"hi\",\"style\":\"014\"}]}]}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).endsWith(".style");
                    assertThat(p.message()).contains("\"014\" does not exist").contains("001 to 013");
                });
    }

    @Test
    void textSettingsReadTheirCssSpellings() throws Exception {
        TextElement t = (TextElement) read("""
                {"scenes":[{"elements":[{"type":"text","text":"x","settings":{
                  "font-family":"Inter","font-size":"5vh","font-weight":"bold","color":"#123456",
                  "background-color":"rgba(0,0,0,0.5)","text-align":"right","vertical-align":"bottom",
                  "line-height":"1.4","letter-spacing":"2px","text-shadow":"2px 3px 4px rgba(0,0,0,0.5), -1px 0 red",
                  "text-transform":"uppercase","padding":"10px 20px"}}]}]}""").movie().scenes().get(0).elements().get(0);
        TextSettings s = t.settings();
        assertThat(s.fontSize()).isEqualTo(new CssLength(5, CssLength.Unit.VH));
        assertThat(s.fontWeight()).isEqualTo(700);
        assertThat(s.color()).isEqualTo(new Color(0x12, 0x34, 0x56, 255));
        assertThat(s.textAlign()).isEqualTo(TextSettings.TextAlign.RIGHT);
        assertThat(s.verticalAlign()).isEqualTo(TextSettings.VerticalAlign.BOTTOM);
        assertThat(s.lineHeight()).isEqualTo(new CssLength(1.4, CssLength.Unit.NUMBER));
        assertThat(s.textShadow()).hasSize(2);
        assertThat(s.textShadow().get(1).color()).isEqualTo(new Color(255, 0, 0, 255));
        assertThat(s.padding()).containsExactly(new CssLength(10, CssLength.Unit.PX), new CssLength(20, CssLength.Unit.PX),
                new CssLength(10, CssLength.Unit.PX), new CssLength(20, CssLength.Unit.PX));
    }

    @Test
    void tooManyScenesIsRefused() {
        String scenes = "{},".repeat(501);
        assertThat(errors("{\"scenes\":[" + scenes.substring(0, scenes.length() - 1) + "]}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("limit of 500"));
    }

    @Test
    void duplicateKeysAndNonObjectsAreReported() throws Exception {
        Parsed twice = read("{\"scenes\":[], \"scenes\":[{}]}");
        assertThat(twice.movie().scenes()).as("the last value").hasSize(1);
        assertThat(twice.warnings()).singleElement().satisfies(w -> assertThat(w.path()).isEqualTo("scenes"));
        assertThat(errors("[1,2]")).singleElement().satisfies(p -> assertThat(p.message()).contains("must be a JSON object"));
        assertThat(errors("{\"scenes\":[1]}")).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0]"));
    }

    @Test
    void exportsAreWebhooksWithAnHttpEndpoint() throws Exception {
        Movie m = read("""
                {"exports": [{"destinations": [{"type": "webhook", "endpoint": "https://a.example/hook"},
                  {"type": "webhook", "endpoint": "http://b.example/form", "content-type": "urlencoded"}]}],
                 "scenes": [{}]}""").movie();
        assertThat(m.exports()).containsExactly(new Webhook("https://a.example/hook", false),
                new Webhook("http://b.example/form", true));
        assertThat(errors("""
                {"exports": [{"destinations": [{"type": "ftp", "host": "x"}, {"type": "webhook"},
                  {"type": "webhook", "endpoint": "file:///etc/passwd"},
                  {"type": "webhook", "endpoint": "https://a.example", "content-type": "xml"}]}, {}],
                 "scenes": [{}]}""")).extracting(Problem::path).containsExactly("exports[0].destinations[0].type",
                "exports[0].destinations[1].endpoint", "exports[0].destinations[2].endpoint",
                "exports[0].destinations[3].content-type", "exports[1].destinations");
    }

    /** Found by MovieFuzzTest: the parser's limits and refusals were reported in the words of its Java settings. */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "DEEP => objects and arrays are nested too deeply (at most 200 levels)",
        "{\"scenes\": [{}], \"fps\": NaN} => NaN and Infinity are not JSON numbers",
        "{\"scenes\": [{}]} {} => Trailing token",
        "{\"scenes\": [{}], \"x\": } => Unexpected character",
        "{\"scenes\": [{}]} // c => Unexpected character"})
    void jsonThatCannotBeReadIsExplainedWithoutTheParsersSettings(String json, String expected) {
        String doc = json.equals("DEEP") ? "{\"scenes\": " + "[".repeat(300) + "]".repeat(300) + "}" : json;
        assertThat(errors(doc)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).startsWith("the document is not valid JSON").contains(expected)
                    .doesNotContain("Feature", "`", "Constraints", "com.fasterxml");
        });
    }

    /**
     * Found by MovieFuzzTest: a number beyond double range ({@code 1e400}) read as infinity and crashed formatting
     * (a text field) or the movie's fingerprint (an unknown key) with NumberFormatException.
     */
    @Test
    void numbersBeyondDoubleRangeAreRefusedWhereTheyAre() {
        assertThat(errors("""
                {"scenes": [{"elements": [{"type": "image", "src": 1e999}]}], "pan": -1E+400,
                 "client-data": {"list": [1, 2e308]}}""")).extracting(Problem::path, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("scenes[0].elements[0].src", "the number is too large: numbers in a movie must be within ±1.7e308"),
                org.assertj.core.groups.Tuple.tuple("pan", "the number is too large: numbers in a movie must be within ±1.7e308"),
                org.assertj.core.groups.Tuple.tuple("client-data.list[1]", "the number is too large: numbers in a movie must be within ±1.7e308"));
        assertThat(Fields.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    /**
     * Found by MovieFuzzTest: after templating, a scene that is not an object was reported at its index in the
     * expanded document, and the scenes after it were read as if they were one place earlier.
     */
    @Test
    void itemsThatAreNotObjectsAreReportedWhereTheAuthorWroteThem() throws Exception {
        var expanded = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"scenes": [{}, {}, 5, {"duration": "long"}]}""");
        Location rooms1 = new Location("scenes[0]", "iteration 1 of rooms");
        Location rooms2 = new Location("scenes[0]", "iteration 2 of rooms");
        SourceMap sources = (path, fallback) -> switch (path) {
            case "scenes[0]" -> rooms1;
            case "scenes[1]" -> rooms2;
            case "scenes[2]" -> Location.of("scenes[1]");
            case "scenes[3]" -> Location.of("scenes[2]");
            default -> fallback;
        };
        assertThatThrownBy(() -> reader.read(expanded, sources)).isInstanceOfSatisfying(InvalidMovieException.class,
                e -> assertThat(e.errors()).extracting(Problem::path).containsExactly("scenes[1]", "scenes[2].duration"));
    }

    /**
     * Found by MovieFuzzTest: a long wrong value was repeated in full in its message, and "did you mean" measured
     * it against every candidate (a 100 000-character colour allocated 900 MB).
     */
    @Test
    void longWrongValuesAreQuotedShortAndCostLittle() throws Exception {
        String json = "{\"scenes\": [{\"background-color\": \"" + "x".repeat(1_000_000) + "\"}]}";
        try (dev.moviola.testing.Bounded b = new dev.moviola.testing.Bounded(java.time.Duration.ofSeconds(10))) {
            var r = b.run(() -> errors(json));
            assertThat(r.value()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("scenes[0].background-color");
                assertThat(p.message()).startsWith("\"xxxx").contains("is not a colour").hasSizeLessThan(400);
            });
            assertThat(r.allocatedBytes()).as("bytes allocated").isLessThan(64L << 20);
        }
    }
}
