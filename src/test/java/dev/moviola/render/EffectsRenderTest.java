package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation, chroma key and colour correction, as a viewer sees them. */
class EffectsRenderTest {
    @TempDir
    Path dir;

    BufferedImage[] render(String elements, double... seconds) throws Exception {
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 25, "quality": "high",
                 "scenes": [{"duration": 2, "background-color": "#FF0000", "elements": [%s]}]}""".formatted(elements));
        List<Long> at = java.util.Arrays.stream(seconds).mapToObj(s -> Math.round(s * 25)).toList();
        Map<Long, BufferedImage> frames = Decoded.frames(r.output(), at);
        return at.stream().map(frames::get).toArray(BufferedImage[]::new);
    }

    @Test
    void aFixedAngleTurnsThePictureClockwiseAboutItsCentre() throws Exception {
        TestMedia.solid(dir, "bar.png", "white", 120, 20);
        BufferedImage f = render("{\"type\": \"image\", \"src\": \"bar.png\", \"width\": 120, \"height\": 20, "
                + "\"x\": 100, \"y\": 80, \"rotate\": {\"angle\": 90}}", 0.5)[0];
        // A 120×20 bar centred at (160, 90), turned a quarter: now 20 wide and 120 tall about the same centre.
        assertThat(Pixels.near(f, 160, 40, 255, 255, 255)).as(Pixels.describe(f, 160, 40)).isTrue();
        assertThat(Pixels.near(f, 160, 140, 255, 255, 255)).as(Pixels.describe(f, 160, 140)).isTrue();
        assertThat(Pixels.near(f, 110, 90, 255, 0, 0)).as("where the bar was: " + Pixels.describe(f, 110, 90)).isTrue();
        assertThat(Pixels.near(f, 210, 90, 255, 0, 0)).isTrue();
    }

    @Test
    void aSpeedTurnsThePictureOverTime() throws Exception {
        TestMedia.solid(dir, "bar.png", "white", 120, 20);
        BufferedImage[] f = render("{\"type\": \"image\", \"src\": \"bar.png\", \"width\": 120, \"height\": 20, "
                + "\"x\": 100, \"y\": 80, \"rotate\": {\"angle\": 0, \"speed\": 90}}", 0, 1);
        assertThat(Pixels.near(f[0], 210, 90, 255, 255, 255)).as("at 0 s, lying").isTrue();
        assertThat(Pixels.near(f[0], 160, 140, 255, 0, 0)).isTrue();
        assertThat(Pixels.near(f[1], 160, 140, 255, 255, 255)).as("at 1 s, turned 90°").isTrue();
        assertThat(Pixels.near(f[1], 210, 90, 255, 0, 0)).isTrue();
    }

    @Test
    void aChromaKeyShowsTheBackgroundWhereTheGreenWasAndKeepsTheSubject() throws Exception {
        Path screen = dir.resolve("screen.png");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=0x00B140:s=320x180", "-vf",
                "drawbox=x=120:y=50:w=80:h=80:color=0xE0AC69:t=fill,drawbox=x=140:y=70:w=40:h=40:color=white:t=fill",
                "-frames:v", "1", screen.toString());
        BufferedImage f = render("{\"type\": \"image\", \"src\": \"screen.png\", "
                + "\"chroma-key\": {\"color\": \"#00b140\", \"tolerance\": 25}}", 0.5)[0];
        assertThat(Pixels.near(f, 40, 40, 255, 0, 0)).as("green became the background: " + Pixels.describe(f, 40, 40))
                .isTrue();
        assertThat(Pixels.near(f, 280, 160, 255, 0, 0)).isTrue();
        assertThat(Pixels.near(f, 125, 55, 0xE0, 0xAC, 0x69)).as("skin tone kept: " + Pixels.describe(f, 125, 55))
                .isTrue();
        assertThat(Pixels.near(f, 160, 90, 255, 255, 255)).as("white kept").isTrue();
    }

    @Test
    void correctionChangesBrightnessAndSaturation() throws Exception {
        TestMedia.solid(dir, "orange.png", "0xD08030", 320, 180);
        BufferedImage[] plain = render("{\"type\": \"image\", \"src\": \"orange.png\"}", 0.5);
        BufferedImage[] grey = render("{\"type\": \"image\", \"src\": \"orange.png\", \"correction\": {\"saturation\": 0}}",
                0.5);
        BufferedImage[] bright = render("{\"type\": \"image\", \"src\": \"orange.png\", \"correction\": "
                + "{\"brightness\": 0.2}}", 0.5);
        int[] p = Pixels.rgb(plain[0], 160, 90);
        int[] g = Pixels.rgb(grey[0], 160, 90);
        int[] b = Pixels.rgb(bright[0], 160, 90);
        assertThat(Math.max(Math.abs(g[0] - g[1]), Math.abs(g[1] - g[2]))).as("no colour left").isLessThan(6);
        assertThat(Math.abs(luma(g) - luma(p))).as("the same brightness").isLessThan(8);
        // eq's brightness adds to luma: 0.2 of the range, about 44 levels of 8-bit video luma.
        assertThat(luma(b) - luma(p)).as("brighter").isBetween(35.0, 60.0);
    }

    static double luma(int[] rgb) {
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
