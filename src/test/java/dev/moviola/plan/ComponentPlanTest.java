package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.ComponentElement;
import dev.moviola.movie.Limits;
import dev.moviola.movie.MovieReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component travels in the render plan with its settings, what it draws and its picture named by content. */
class ComponentPlanTest {

    @Test
    void aComponentAndItsPictureSurviveThePlansJson(@TempDir Path dir) throws Exception {
        String url = "https://x.test/face.jpg";
        Map<String, Asset> media = new HashMap<>();
        media.put(url, new Asset(url, Path.of("face.jpg"), new MediaInfo("mjpeg", Double.NaN, Double.NaN, Double.NaN,
                true, false, 64, 64, 0), "abc123", false));
        RenderPlan plan = new PlanCompiler(Limits.DEFAULT).compile(new MovieReader(Limits.DEFAULT).read("""
                {"scenes": [{"duration": 3, "elements": [{"type": "component", "component": "basic/051", "duration": 2,
                  "settings": {"headline": "Jane", "image": {"src": "https://x.test/face.jpg"}}}]}]}""").movie(),
                new Assets(media));
        Path file = dir.resolve("plan.json");
        PlanFiles.write(plan, file);
        RenderPlan back = PlanFiles.read(file);
        Layer layer = back.scenes().get(0).layers().get(0);
        ComponentElement c = (ComponentElement) layer.element();
        assertThat(c.component()).isEqualTo("basic/051");
        assertThat(c.settings().at("/headline/text").asText()).isEqualTo("Jane");
        assertThat(c.draws().path("rows").size()).isEqualTo(1);
        assertThat(c.pictures()).singleElement().satisfies(p -> assertThat(p.src()).doesNotContain("x.test"));
        assertThat(layer.assets()).hasSize(1);
        assertThat(layer.play()).isEqualTo(2.0);
    }
}
