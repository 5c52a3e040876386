package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.movie.InvalidMovieException;
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

/** {@code mask}: the element shows where its mask is white (or opaque) and not where it is black (or transparent). */
class MaskRenderTest {
    @TempDir
    Path dir;

    BufferedImage[] render(String elements, double... seconds) throws Exception {
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 25, "quality": "high",
                 "scenes": [{"duration": 2, "background-color": "#0000FF", "elements": [%s]}]}""".formatted(elements));
        List<Long> at = java.util.Arrays.stream(seconds).mapToObj(s -> Math.round(s * 25)).toList();
        Map<Long, BufferedImage> frames = Decoded.frames(r.output(), at);
        return at.stream().map(frames::get).toArray(BufferedImage[]::new);
    }

    /** A greyscale mask (no transparency): white left half, a 50 % grey quarter, black right quarter. */
    private void greyMask(String name, int w, int h) throws Exception {
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=white:s=" + w + "x" + h, "-vf",
                "drawbox=x=" + w / 2 + ":y=0:w=" + w / 4 + ":h=" + h + ":color=0x808080:t=fill,"
                        + "drawbox=x=" + 3 * w / 4 + ":y=0:w=" + w / 4 + ":h=" + h + ":color=black:t=fill",
                "-frames:v", "1", dir.resolve(name).toString());
    }

    @Test
    void aGreyMaskShowsThePictureWhereWhiteBlendsWhereGreyAndHidesWhereBlack() throws Exception {
        TestMedia.solid(dir, "red.png", "red", 320, 180);
        greyMask("mask.png", 64, 36); // stretched to the element's box
        BufferedImage f = render("{\"type\": \"image\", \"src\": \"red.png\", \"mask\": \"mask.png\"}", 0.5)[0];
        assertThat(Pixels.near(f, 60, 90, 255, 0, 0)).as("white: shown " + Pixels.describe(f, 60, 90)).isTrue();
        int[] half = Pixels.rgb(f, 200, 90);
        assertThat(half[0]).as("grey: half red " + Pixels.describe(f, 200, 90)).isBetween(100, 160);
        assertThat(half[2]).as("grey: half blue").isBetween(100, 160);
        assertThat(Pixels.near(f, 300, 90, 0, 0, 255)).as("black: hidden " + Pixels.describe(f, 300, 90)).isTrue();
    }

    @Test
    void aMaskWithTransparencyMasksByItsAlphaWhateverItsColours() throws Exception {
        TestMedia.solid(dir, "red.png", "red", 200, 100);
        // Black everywhere (its luma would hide all), opaque only in the middle 100x50.
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=black:s=200x100", "-vf",
                "format=rgba,geq=r=0:g=0:b=0:a='if(between(X,50,149)*between(Y,25,74),255,0)'", "-frames:v", "1",
                dir.resolve("alpha.png").toString());
        BufferedImage f = render("{\"type\": \"image\", \"src\": \"red.png\", \"x\": 60, \"y\": 40, "
                + "\"width\": 200, \"height\": 100, \"mask\": \"alpha.png\"}", 0.5)[0];
        assertThat(Pixels.near(f, 160, 90, 255, 0, 0)).as("opaque part: shown " + Pixels.describe(f, 160, 90)).isTrue();
        assertThat(Pixels.near(f, 80, 50, 0, 0, 255)).as("transparent part: hidden " + Pixels.describe(f, 80, 50))
                .isTrue();
        assertThat(Pixels.near(f, 240, 130, 0, 0, 255)).isTrue();
    }

    @Test
    void theMaskStaysWithTheBoxWhileThePictureZoomsAndFades() throws Exception {
        TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-pix_fmt", "yuv420p",
                dir.resolve("clip.mp4").toString());
        greyMask("mask.png", 320, 180);
        BufferedImage[] f = render("{\"type\": \"video\", \"src\": \"clip.mp4\", \"zoom\": 5, \"fade-in\": 0.4, "
                + "\"mask\": \"mask.png\"}", 0.04, 1, 1.9);
        // Black quarter: the background at every time; the white half shows the (zooming) video, not blue.
        for (BufferedImage frame : new BufferedImage[] {f[1], f[2]}) {
            assertThat(Pixels.near(frame, 300, 40, 0, 0, 255)).as(Pixels.describe(frame, 300, 40)).isTrue();
            assertThat(Pixels.near(frame, 300, 150, 0, 0, 255)).isTrue();
            int[] p = Pixels.rgb(frame, 80, 150);
            assertThat(p[0] > 60 || p[1] > 60 || p[2] < 180).as("video shows " + Pixels.describe(frame, 80, 150)).isTrue();
        }
        assertThat(Pixels.rgb(f[0], 80, 90)[2]).as("fading in: mostly the background " + Pixels.describe(f[0], 80, 90))
                .isGreaterThan(190);
    }

    @Test
    void aMaskTurnsWithItsPicture() throws Exception {
        TestMedia.solid(dir, "white.png", "white", 120, 40);
        // Mask: the left half of the bar only.
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=black:s=120x40", "-vf", "drawbox=x=0:y=0:w=60:h=40:color=white:t=fill",
                "-frames:v", "1", dir.resolve("left.png").toString());
        BufferedImage f = render("{\"type\": \"image\", \"src\": \"white.png\", \"x\": 100, \"y\": 70, "
                + "\"width\": 120, \"height\": 40, \"rotate\": {\"angle\": 90}, \"mask\": \"left.png\"}", 0.5)[0];
        // Centre (160, 90). Turned a quarter clockwise, the bar's left half points up.
        assertThat(Pixels.near(f, 160, 50, 255, 255, 255)).as("left half, now above: " + Pixels.describe(f, 160, 50))
                .isTrue();
        assertThat(Pixels.near(f, 160, 130, 0, 0, 255)).as("right half, masked, below: " + Pixels.describe(f, 160, 130))
                .isTrue();
    }

    @Test
    void aMaskOnTextIsRefusedAtItsPath() {
        assertThatThrownBy(() -> Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180,
                 "scenes": [{"duration": 1, "elements": [{"type": "text", "text": "Hi", "mask": "m.png"}]}]}"""))
                .isInstanceOf(InvalidMovieException.class)
                .hasMessageContaining("scenes[0].elements[0].mask")
                .hasMessageContaining("image and video");
    }
}
