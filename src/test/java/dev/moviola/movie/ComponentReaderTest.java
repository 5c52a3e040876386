package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.InvalidSettingException;
import dev.moviola.config.Settings;
import dev.moviola.movie.component.ComponentLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component's settings are checked against its definition with JSON paths: an unknown id or group is an error
 * that names the close ones, a key its group does not take a warning naming those it takes; flat strings and arrays
 * are its text. Users add components (or replace shipped ones) from a directory.
 */
class ComponentReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    static String movie(String element) {
        return "{\"scenes\":[{\"elements\":[" + element + "]}]}";
    }

    ComponentElement component(MovieReader r, String element) throws InvalidMovieException {
        return (ComponentElement) r.read(movie(element)).movie().scenes().get(0).elements().get(0);
    }

    static List<Problem> problems(MovieReader r, String element) {
        try {
            return r.read(movie(element)).warnings();
        } catch (InvalidMovieException e) {
            return e.problems();
        }
    }

    @Test
    void theDefaultsAreFilledInAndTheDocumentsValuesWin() throws Exception {
        ComponentElement c = component(reader, """
                {"type":"component","component":"basic/050","settings":{"headline":{"text":"News","color":"red"}}}""");
        assertThat(c.component()).isEqualTo("basic/050");
        assertThat(c.settings().at("/headline/text").asText()).isEqualTo("News");
        assertThat(c.settings().at("/headline/color").asText()).isEqualTo("red");
        assertThat(c.settings().at("/headline/background-color").asText()).isEqualTo("white");
        assertThat(c.settings().at("/lead/color").asText()).isEqualTo("white");
        assertThat(c.settings().at("/card/vertical-align").asText()).isEqualTo("bottom");
    }

    @Test
    void aFlatStringOrAnArrayIsTheGroupsTextAndSublineIsBody() throws Exception {
        ComponentElement c = component(reader, """
                {"type":"component","component":"basic/000","settings":{"headline":"FOR SALE","subline":"123 Oak Street"}}""");
        assertThat(c.settings().at("/headline/text").asText()).isEqualTo("FOR SALE");
        assertThat(c.settings().at("/body/text").asText()).isEqualTo("123 Oak Street");
        ComponentElement a = component(reader, """
                {"type":"component","component":"basic/000","settings":{"body":{"text":["one","<b>two</b>"]}}}""");
        assertThat(a.settings().at("/body/text").size()).isEqualTo(2);
    }

    @Test
    void anUnknownIdIsAnErrorListingCloseIds() {
        List<Problem> p = problems(reader, "{\"type\":\"component\",\"component\":\"basic/05\"}");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).isError()).isTrue();
        assertThat(p.get(0).path()).isEqualTo("scenes[0].elements[0].component");
        assertThat(p.get(0).message()).contains("\"basic/05\" is not a component").contains("basic/050")
                .contains("basic/052").contains("moviola components");
    }

    @Test
    void anUnknownGroupIsAnErrorWithDidYouMean() {
        List<Problem> p = problems(reader, """
                {"type":"component","component":"basic/050","settings":{"headlin":{"text":"x"}}}""");
        assertThat(p).singleElement().satisfies(e -> {
            assertThat(e.isError()).isTrue();
            assertThat(e.path()).isEqualTo("scenes[0].elements[0].settings.headlin");
            assertThat(e.message()).contains("did you mean \"headline\"").contains("card, headline, lead, bar");
        });
    }

    @Test
    void aPropertyTheGroupDoesNotTakeIsAWarningNamingWhatItTakes() throws Exception {
        Parsed parsed = reader.read(movie("""
                {"type":"component","component":"basic/052","settings":{"headline":{"text":"x","font-sise":"3vw"}}}"""));
        assertThat(parsed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.isError()).isFalse();
            assertThat(w.path()).isEqualTo("scenes[0].elements[0].settings.headline.font-sise");
            assertThat(w.message()).contains("did you mean \"font-size\"").contains("it takes: text, font-size");
        });
    }

    @Test
    void badColoursAndBadSettingsShapesAreErrorsAtTheirPath() {
        List<Problem> p = problems(reader, """
                {"type":"component","component":"basic/050","settings":{"lead":{"color":"reddish"},"card":5}}""");
        assertThat(p).extracting(Problem::path).containsExactly("scenes[0].elements[0].settings.lead.color",
                "scenes[0].elements[0].settings.card");
        assertThat(p.get(0).message()).contains("\"reddish\" is not a colour");
        assertThat(p.get(1).message()).contains("expected an object of card's settings");
        assertThat(problems(reader, "{\"type\":\"component\",\"component\":\"basic/050\",\"settings\":[]}").get(0).message())
                .contains("expected an object of settings groups");
    }

    @Test
    void animateBlocksAndEasingsAreChecked() {
        List<Problem> p = problems(reader, """
                {"type":"component","component":"shape/rectangle","settings":{"rectangle1":{"animate":
                  {"left":"10%","easing":"easeOutBounze","scale":2}}}}""");
        assertThat(p).extracting(Problem::path).containsExactly(
                "scenes[0].elements[0].settings.rectangle1.animate.easing",
                "scenes[0].elements[0].settings.rectangle1.animate.scale");
        assertThat(p.get(0).message()).contains("\"easeOutBounze\" is not an easing").contains("did you mean \"easeOutBounce\"");
        assertThat(p.get(1).isError()).isFalse();
        assertThat(p.get(1).message()).contains("it takes: duration, easing, delay, left, top, width, height, rotate, opacity");
        assertThat(problems(reader, """
                {"type":"component","component":"basic/100","settings":{"box":{"easing":"springy"}}}""").get(0).path())
                .isEqualTo("scenes[0].elements[0].settings.box.easing");
    }

    @Test
    void shapeHtmlIsRefusedPointingAtTheHtmlElement() {
        List<Problem> p = problems(reader, """
                {"type":"component","component":"shape/html","settings":{"html1":{"html":"<b>x</b>"}}}""");
        assertThat(p).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("scenes[0].elements[0].component");
            assertThat(e.message()).contains("not built").contains("html element");
        });
    }

    @Test
    void numberedGroupsAreReadUpToTheirLimit() throws Exception {
        ComponentElement c = component(reader, """
                {"type":"component","component":"shape/rectangle","settings":{"rectangle1":{"left":"10%"},"rectangle10":{}}}""");
        assertThat(c.settings().at("/rectangle1/left").asText()).isEqualTo("10%");
        assertThat(c.settings().at("/rectangle10/background").asText()).isEqualTo("cornflowerblue");
        assertThat(problems(reader, """
                {"type":"component","component":"shape/rectangle","settings":{"rectangle11":{}}}""").get(0).message())
                .contains("rectangle1, rectangle2, rectangle…10");
    }

    @Test
    void picturesAreDeclaredAsSourcesSoTheyAreFetchedLikeAnyOther() throws Exception {
        ComponentElement c = component(reader, """
                {"type":"component","component":"basic/120","settings":{"image":{"background-image":"url('https://x.test/a.jpg')"}}}""");
        assertThat(c.sources()).singleElement().satisfies(s -> {
            assertThat(s.src()).isEqualTo("https://x.test/a.jpg");
            assertThat(s.path()).isEqualTo("scenes[0].elements[0].settings.image.background-image");
            assertThat(s.need()).isEqualTo(Source.Need.PICTURE);
        });
        assertThat(component(reader, "{\"type\":\"component\",\"component\":\"basic/051\"}").sources())
                .as("no picture given: none fetched (a grey disc is drawn)").isEmpty();
        ComponentElement renamed = c.withSources(s -> "sha:1");
        assertThat(renamed.settings().at("/image/background-image").asText()).isEqualTo("sha:1");
    }

    @Test
    void aUserDirectoryAddsComponentsAndReplacesShippedOnes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("acme"));
        Files.createDirectories(dir.resolve("basic"));
        Files.writeString(dir.resolve("acme/badge.json"), """
                {"description": "A badge", "intro": 1,
                 "groups": {"card": {"defaults": {"vertical-align": "top"}},
                            "label": {"defaults": {"text": "NEW", "background-color": "red"}, "accepts": ["color"]}},
                 "draws": {"card": {"group": "card"}, "rows": [[{"kind": "text", "group": "label", "hug": true}]]}}""");
        Files.writeString(dir.resolve("basic/050.json"), """
                {"description": "Our own lower third", "groups": {"title": {"defaults": {"text": "x"}}},
                 "draws": {"rows": [[{"kind": "text", "group": "title"}]]}}""");
        Settings settings = Settings.load(Map.of("components-dir", dir.toString()), Map.of());
        MovieReader withUser = new MovieReader(Limits.DEFAULT, settings.components());
        ComponentElement badge = component(withUser, """
                {"type":"component","component":"acme/badge","settings":{"label":"HOT"}}""");
        assertThat(badge.settings().at("/label/text").asText()).isEqualTo("HOT");
        assertThat(badge.settings().at("/label/background-color").asText()).isEqualTo("red");
        assertThat(problems(withUser, "{\"type\":\"component\",\"component\":\"basic/050\",\"settings\":{\"headline\":\"x\"}}")
                .get(0).message()).as("the user's basic/050 replaced the shipped one").contains("its groups are: title");
        assertThat(settings.components().ids()).contains("acme/badge", "basic/000");
        assertThat(problems(reader, "{\"type\":\"component\",\"component\":\"acme/badge\"}")).isNotEmpty();
    }

    @Test
    void aBrokenUserDefinitionIsASettingErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("acme"));
        Files.writeString(dir.resolve("acme/bad.json"), "{\"description\": \"x\", \"groups\": {}}");
        assertThatThrownBy(() -> Settings.load(Map.of("components-dir", dir.toString()), Map.of()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("components-dir")
                .hasMessageContaining("bad.json").hasMessageContaining("\"groups\" must be an object");
        assertThatThrownBy(() -> Settings.load(Map.of("components-dir", dir.resolve("none").toString()), Map.of()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void everyShippedDefinitionReadsAndItsMotionNamesKnownEasings() {
        assertThat(ComponentLibrary.shipped().ids()).contains("basic/000", "basic/001", "basic/050", "basic/051",
                "basic/052", "basic/100", "basic/120", "basic/125", "advanced/000", "advanced/001", "advanced/050",
                "advanced/051", "advanced/060", "advanced/070", "shape/rectangle", "shape/polygon", "shape/cutout",
                "shape/3dbox", "shape/html");
        ComponentLibrary.shipped().all().forEach(d -> d.draws().findValuesAsText("easing")
                .forEach(e -> assertThat(Easing.parse(e)).as(d.id() + " easing " + e).isPresent()));
    }
}
