package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The movie cache's key: the same movie however it is written, another movie whenever the output changes. */
class MovieFingerprintTest {
    static final Fingerprints.Tools TOOLS = new Fingerprints.Tools("5.1", "libx264 -threads 1", "fonts");

    static String key(String json, Map<String, String> sources, Fingerprints.Tools tools) throws Exception {
        return MovieFingerprint.of(new ObjectMapper().readTree(json), sources, tools, "quality null");
    }

    static String key(String json) throws Exception {
        return key(json, Map.of("a.png", "aaa"), TOOLS);
    }

    @Test
    void keyOrderNumberSpellingAndNonOutputKeysDoNotMatter() throws Exception {
        String base = key("""
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "a.png"}]}]}""");
        assertThat(key("""
                {"scenes": [{"elements": [{"src": "a.png", "type": "image", "comment": "logo", "cache": false}],
                  "duration": 1.0, "comment": "intro", "cache": true}],
                 "height": 9e1, "width": 160.00, "client-data": {"order": 7}, "id": "job-1", "exports": [],
                 "comment": "v2", "_note": "metadata"}""")).isEqualTo(base);
    }

    @Test
    void anythingThatChangesTheOutputChangesTheKey() throws Exception {
        String json = """
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "a.png"}]}]}""";
        String base = key(json);
        assertThat(key(json.replace("\"duration\": 1", "\"duration\": 1.5"))).isNotEqualTo(base);
        assertThat(key(json, Map.of("a.png", "bbb"), TOOLS)).as("other bytes at the same path").isNotEqualTo(base);
        assertThat(key(json, Map.of("a.png", "aaa"), new Fingerprints.Tools("6.0", TOOLS.encoder(), TOOLS.fonts())))
                .as("another ffmpeg").isNotEqualTo(base);
        assertThat(key(json, Map.of("a.png", "aaa"), new Fingerprints.Tools("5.1", "libx264 -threads 2", TOOLS.fonts())))
                .as("other encoder threads").isNotEqualTo(base);
        assertThat(MovieFingerprint.of(new ObjectMapper().readTree(json), Map.of("a.png", "aaa"), TOOLS, "quality LOW"))
                .isNotEqualTo(base);
    }
}
