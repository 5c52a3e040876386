package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.HtmlElement;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Movie;
import dev.moviola.movie.MovieReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An html element travels in the render plan (which a worker on another machine reads) as the picture it was drawn
 * into: its request and the name of its capture survive the plan's JSON, and it lasts to its scene's end like a still.
 */
class HtmlPlanTest {

    @Test
    void anHtmlElementSurvivesThePlansJson(@TempDir Path dir) throws Exception {
        Movie movie = new MovieReader(Limits.DEFAULT).read("""
                {"width": 320, "height": 180, "scenes": [{"duration": 3, "elements": [
                  {"type": "html", "html": "<b>Hi</b>", "tailwind": true, "wait": 1, "width": 200, "height": 100,
                   "fade-in": 0.5}]}]}""").movie();
        HtmlElement read = (HtmlElement) movie.scenes().get(0).elements().get(0);
        Asset capture = new Asset(read.src(), Path.of("capture.png"), new MediaInfo("png_pipe", Double.NaN, Double.NaN,
                Double.NaN, true, false, 200, 100, 0), "c0ffee", false);
        RenderPlan plan = new PlanCompiler(Limits.DEFAULT).compile(movie, new Assets(Map.of(read.src(), capture)));
        Path file = dir.resolve("plan.json");
        PlanFiles.write(plan, file);
        Layer layer = PlanFiles.read(file).scenes().get(0).layers().get(0);
        HtmlElement back = (HtmlElement) layer.element();
        assertThat(back.request()).isEqualTo(read.request());
        assertThat(back.src()).isEqualTo(read.src());
        assertThat(back.visual().width()).isEqualTo(200);
        assertThat(layer.assets()).hasSize(1);
        assertThat(layer.play()).as("a still: to the scene's end").isEqualTo(3.0);
    }
}
