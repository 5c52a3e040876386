package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.testing.JsonPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LocationTest {
    @Test
    void keysADottedPathCannotShowAreWrittenInBracketsAsJsonStrings() {
        assertThat(Location.ROOT.key("scenes").index(0).key("fade-in").toString()).isEqualTo("scenes[0].fade-in");
        assertThat(Location.ROOT.key("").index(0).key("comment").toString()).isEqualTo("[\"\"][0].comment");
        assertThat(Location.ROOT.key("client-data").key("a.b").key("my key").key("say \"hi\"").toString())
                .isEqualTo("client-data[\"a.b\"][\"my key\"][\"say \\\"hi\\\"\"]");
        assertThat(Location.ROOT.key("tab\there").toString()).isEqualTo("[\"tab\\u0009here\"]");
    }

    /** Found by MovieFuzzTest (seed 3): a problem under the key "" was reported at "[0].comment". */
    @Test
    void theBracketFormLeadsBackIntoTheDocument() throws Exception {
        var doc = new ObjectMapper().readTree("{\"\": [{\"comment\": 1}], \"a.b\": {\"my key\": {\"say \\\"hi\\\"\": 2}}}");
        assertThat(JsonPaths.problemWith(doc, Location.ROOT.key("").index(0).key("comment").toString())).isNull();
        assertThat(JsonPaths.problemWith(doc, Location.ROOT.key("a.b").key("my key").key("say \"hi\"").toString()))
                .isNull();
        assertThat(JsonPaths.problemWith(doc, "[0].comment")).contains("does not lead into the document");
    }
}
