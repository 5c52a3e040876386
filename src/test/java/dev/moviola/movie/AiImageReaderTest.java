package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading AI images: the request an image's prompt makes (one canonical form, so equal requests are one picture),
 * the mistakes reported at their paths, and a preloaded AI image named by {@code {{ id_url }}} wherever it is used.
 */
class AiImageReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    @TempDir
    Path dir;

    private List<Problem> errors(String json) {
        try {
            reader.read(json);
        } catch (InvalidMovieException e) {
            return e.errors();
        }
        throw new AssertionError("expected the movie to be invalid: " + json);
    }

    private static String scene(String element) {
        return "{\"scenes\": [{\"duration\": 1, \"elements\": [" + element + "]}]}";
    }

    @Test
    void aPromptIsAGeneratedPictureWhoseRequestIsCanonical() throws Exception {
        ImageElement a = (ImageElement) reader.read(scene("""
                {"type": "image", "prompt": "A lake", "model": " Flux-Schnell ", "aspect-ratio": "Square",
                 "model-settings": {"seed": 1, "go_fast": true}}""")).movie().scenes().get(0).elements().get(0);
        ImageElement b = (ImageElement) reader.read(scene("""
                {"type": "image", "model-settings": {"go_fast": true, "seed": 1}, "aspect-ratio": "squared",
                 "model": "flux-schnell", "prompt": "A lake", "x": 10}""")).movie().scenes().get(0).elements().get(0);
        Source s = a.sources().get(0);
        assertThat(s.isGenerated()).isTrue();
        assertThat(s.kind()).isEqualTo("image");
        assertThat(s.path()).isEqualTo("scenes[0].elements[0].prompt");
        assertThat(s.need()).isEqualTo(Source.Need.PICTURE);
        assertThat(s.request().toString()).isEqualTo(
                "{\"prompt\":\"A lake\",\"model\":\"flux-schnell\",\"aspect-ratio\":\"squared\",\"model-settings\":{\"seed\":1,\"go_fast\":true}}");
        assertThat(b.src()).as("the same request, written otherwise: the same picture").isEqualTo(a.src()).startsWith("image:");
        ImageElement plain = (ImageElement) reader.read(scene("{\"type\": \"image\", \"prompt\": \"A lake\"}"))
                .movie().scenes().get(0).elements().get(0);
        assertThat(plain.request().path("model").isNull()).as("no model: the configured default decides").isTrue();
        assertThat(plain.request().path("aspect-ratio").asText()).isEqualTo("horizontal");
        assertThat(plain.src()).isNotEqualTo(a.src());
    }

    @Test
    void mistakesAreReportedAtTheirPaths() {
        assertThat(errors(scene("{\"type\": \"image\", \"prompt\": \"x\", \"aspect-ratio\": \"portrait\"}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("scenes[0].elements[0].aspect-ratio");
                    assertThat(p.message()).contains("horizontal, vertical, squared");
                });
        assertThat(errors(scene("{\"type\": \"image\", \"prompt\": \"x\", \"model-settings\": 3}")))
                .extracting(Problem::path).containsExactly("scenes[0].elements[0].model-settings");
        assertThat(errors(scene("{\"type\": \"image\", \"prompt\": \"  \"}")))
                .extracting(Problem::path).containsExactly("scenes[0].elements[0].prompt");
        assertThat(errors(scene("{\"type\": \"image\"}"))).extracting(Problem::path)
                .containsExactly("scenes[0].elements[0].src");
    }

    @Test
    void aSrcWinsOverAPromptWithAWarning() throws Exception {
        Parsed p = reader.read(scene("{\"type\": \"image\", \"src\": \"a.png\", \"prompt\": \"x\", \"model\": \"flux-pro\"}"));
        ImageElement e = (ImageElement) p.movie().scenes().get(0).elements().get(0);
        assertThat(e.src()).isEqualTo("a.png");
        assertThat(e.sources().get(0).isGenerated()).isFalse();
        assertThat(p.warnings()).extracting(Problem::path).containsExactly("scenes[0].elements[0].prompt");
    }

    @Test
    void aPreloadedAiImageIsNamedByItsIdUrlWhereverItIsUsed() throws Exception {
        Settings settings = Settings.load(Map.of("work-dir", dir.toString(), "cache-dir", dir.toString()), Map.of());
        Movie m = Pipeline.read("""
                {"preload": [{"type": "image", "id": "twilight", "prompt": "A house at twilight", "model": "flux-schnell"}],
                 "elements": [{"type": "image", "src": "{{ twilight_url }}", "width": 40}],
                 "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "{{twilight_url}}"},
                                                         {"type": "image", "prompt": "A house at twilight", "model": "flux-schnell"}]}]}""",
                settings).draft().movie();
        ImageElement preloaded = (ImageElement) m.preload().get(0);
        assertThat(preloaded.src()).startsWith("image:");
        assertThat(((ImageElement) m.elements().get(0)).src()).isEqualTo(preloaded.src());
        assertThat(((ImageElement) m.scenes().get(0).elements().get(0)).src()).isEqualTo(preloaded.src());
        assertThat(((ImageElement) m.scenes().get(0).elements().get(1)).src()).as("the same prompt inline: one picture")
                .isEqualTo(preloaded.src());
    }
}
