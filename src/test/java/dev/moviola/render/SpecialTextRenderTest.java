package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Characters that would break an ffmpeg filter graph or a shell render as themselves. */
class SpecialTextRenderTest {
    @TempDir
    Path dir;

    @Test
    void quotesColonsBackslashesBracketsAndPercentsRenderAsText() throws Exception {
        RenderResult r = Renders.render(dir, """
                {"width": 320, "height": 180, "scenes": [{"duration": 0.5, "elements": [
                  {"type": "text", "text": "'; rm -rf / \\\\ [0:v] %{pts} :x 😀 مرحبا 中文", "settings": {"font-size": "16px"}}]}]}""");
        BufferedImage f = Decoded.frame(r.output(), 0);
        int inked = 320 * 40 - Pixels.countDifferent(f, 0, 70, 320, 40, 0, 0, 0);
        assertThat(inked).as("the text is drawn across the middle").isGreaterThan(500);
        assertThat(Pixels.countDifferent(f, 0, 0, 320, 60, 0, 0, 0)).as("and nothing else").isZero();
    }
}
