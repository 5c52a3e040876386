package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.job.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A movie's captions are delivered beside it: {@code ass} in the /v2 result (false without), {@code captionsUrl} in /v1. */
class CaptionsApiTest extends ServerTest {
    static final String CAPTIONED = """
            {"resolution": "custom", "width": 160, "height": 90, "elements": [{"type": "subtitles",
               "captions": "1\\n00:00:00,200 --> 00:00:00,900\\nHello there\\n"}],
             "scenes": [{"duration": 1, "elements": []}]}""";

    @Test
    void theCaptionsComeWithTheMovieInBothApis() throws Exception {
        String project = ok("POST", "/v2/movies", CAPTIONED, 200).path("project").asText();
        JsonNode v1 = awaitJob(Job.idOf(project));
        assertThat(v1.path("status").asText()).as(v1.toString()).isEqualTo("done");
        Path ass = download(v1.path("captionsUrl").asText(), dir.resolve("captions.ass"));
        assertThat(Files.readString(ass)).contains("[Events]").contains("Hello").contains("0:00:00.20");
        JsonNode v2 = ok("GET", "/v2/movies?project=" + project, null, 200).path("movie");
        assertThat(v2.path("ass").isTextual()).as(v2.toString()).isTrue();
        assertThat(download(v2.path("ass").asText(), dir.resolve("v2.ass"))).hasSameTextualContentAs(ass);

        String plain = ok("POST", "/v2/movies", twoColours("red", "blue"), 200).path("project").asText();
        JsonNode none = awaitJob(Job.idOf(plain));
        assertThat(none.path("captionsUrl").isNull()).isTrue();
        assertThat(ok("GET", "/v2/movies?project=" + plain, null, 200).at("/movie/ass").asBoolean(true))
                .as("JSON2Video's false, never null").isFalse();
        assertThat(ok("GET", "/v2/movies?project=" + plain, null, 200).at("/movie/ass").isBoolean()).isTrue();
    }
}
