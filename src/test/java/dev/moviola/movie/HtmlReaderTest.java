package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading html elements: the snippet or page, Tailwind under both its spellings, {@code wait}, a box that inherits the
 * movie's size, one canonical request (equal captures are one picture), and mistakes reported at their paths with the
 * fix.
 */
class HtmlReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    private static String movie(String element) {
        return "{\"width\": 320, \"height\": 180, \"scenes\": [{\"duration\": 1, \"elements\": [" + element + "]}]}";
    }

    private HtmlElement html(String element) throws InvalidMovieException {
        return (HtmlElement) reader.read(movie(element)).movie().scenes().get(0).elements().get(0);
    }

    private List<Problem> errors(String element) {
        try {
            reader.read(movie(element));
        } catch (InvalidMovieException e) {
            return e.errors();
        }
        throw new AssertionError("expected the movie to be invalid: " + element);
    }

    @Test
    void aSnippetIsAGeneratedPictureOfTheBoxSize() throws Exception {
        HtmlElement e = html("""
                {"type": "html", "html": "<h1>Hi</h1>", "tailwind": true, "wait": 1.5, "width": 200, "height": 100,
                 "position": "center-center", "fade-in": 0.5, "zoom": 2}""");
        assertThat(e.type()).isEqualTo("html");
        assertThat(e.request().toString()).isEqualTo(
                "{\"html\":\"<h1>Hi</h1>\",\"url\":null,\"tailwind\":true,\"wait\":1.5,\"width\":200,\"height\":100}");
        Source s = e.sources().get(0);
        assertThat(s.isGenerated()).isTrue();
        assertThat(s.kind()).isEqualTo("html");
        assertThat(s.need()).isEqualTo(Source.Need.PICTURE);
        assertThat(s.path()).isEqualTo("scenes[0].elements[0].html");
        assertThat(e.src()).startsWith("html:").isEqualTo(s.src());
        assertThat(e.visual().position()).isEqualTo(Position.CENTER_CENTER);
        assertThat(e.visual().effects().zoom()).isEqualTo(2);
        assertThat(e.timing().fadeIn()).isEqualTo(0.5);
        assertThat(e.visual().width()).isEqualTo(200);
    }

    @Test
    void withoutASizeTheBoxIsTheMovies() throws Exception {
        HtmlElement e = html("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"width\": -1}");
        assertThat(e.visual().width()).isEqualTo(320);
        assertThat(e.visual().height()).isEqualTo(180);
        assertThat(e.request().path("width").asInt()).isEqualTo(320);
        assertThat(e.request().path("height").asInt()).isEqualTo(180);
        assertThat(e.request().path("tailwind").asBoolean()).as("Tailwind is off unless asked for").isFalse();
        assertThat(e.request().path("wait").asDouble()).as("no wait by default").isZero();
    }

    @Test
    void tailwindcssIsTheSameSwitchAsTailwind() throws Exception {
        HtmlElement a = html("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"tailwind\": true}");
        HtmlElement b = html("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"tailwindcss\": true}");
        assertThat(b.request().path("tailwind").asBoolean()).isTrue();
        assertThat(b.src()).as("the same capture, either spelling").isEqualTo(a.src());
        var parsed = reader.read(movie("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"tailwind\": true, \"tailwindcss\": false}"));
        assertThat(parsed.warnings()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].tailwindcss");
            assertThat(p.message()).contains("\"tailwind\": true is used");
        });
    }

    @Test
    void aPageIsNamedByItsUrl() throws Exception {
        HtmlElement e = html("{\"type\": \"html\", \"src\": \"https://example.com/card.html\"}");
        assertThat(e.request().path("url").asText()).isEqualTo("https://example.com/card.html");
        assertThat(e.request().path("html").isNull()).isTrue();
        assertThat(e.sources().get(0).path()).isEqualTo("scenes[0].elements[0].src");
        assertThat(e.src()).isNotEqualTo(html("{\"type\": \"html\", \"src\": \"https://example.com/other.html\"}").src());
    }

    @Test
    void neitherHtmlNorSrcIsAnError() {
        assertThat(errors("{\"type\": \"html\", \"tailwind\": true}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0]");
            assertThat(p.message()).contains("needs \"html\"").contains("or \"src\"");
        });
    }

    @Test
    void bothHtmlAndSrcIsAnError() {
        assertThat(errors("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"src\": \"https://example.com/\"}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].src");
                    assertThat(p.message()).contains("either").contains("not both").contains("remove one");
                });
    }

    @Test
    void aBadWaitIsAnErrorWithTheRange() {
        for (String wait : List.of("-1", "31", "\"soon\"")) {
            assertThat(errors("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"wait\": " + wait + "}")).as(wait)
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("scenes[0].elements[0].wait");
                        assertThat(p.message()).containsAnyOf("from 0 to 30", "expected a number");
                    });
        }
    }

    @Test
    void otherMistakesAreReportedAtTheirPaths() {
        assertThat(errors("{\"type\": \"html\", \"html\": \"  \"}")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0].elements[0].html"));
        assertThat(errors("{\"type\": \"html\", \"src\": \"card.html\"}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].src");
            assertThat(p.message()).contains("http or https URL").contains("\"html\"");
        });
        assertThat(errors("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"width\": 20000, \"height\": 100}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].width");
                    assertThat(p.message()).contains("20000x100").contains("at most 8192 px a side");
                });
        assertThat(errors("{\"type\": \"html\", \"html\": \"<p>x</p>\", \"tailwind\": \"yes\"}")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("scenes[0].elements[0].tailwind"));
    }
}
