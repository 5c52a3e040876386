package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ken Burns zoom and pan, tracked frame by frame: a small white marker on a dark grey picture is followed through the
 * video by its brightness-weighted centre, which must move in the right direction, by the right distance, every
 * step nearly the same (no whole-pixel shaking), and with a cropped pan no pixel of the scene's red background shows.
 */
class ZoomPanRenderTest {
    static final int FPS = 25;

    @TempDir
    Path dir;

    /** A 320×180 picture, dark grey, with a white 6×6 marker centred at {@code x, y}. */
    Path marker(int x, int y) {
        Path out = dir.resolve("marker.png");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=0x202020:s=320x180", "-vf",
                "drawbox=x=" + (x - 3) + ":y=" + (y - 3) + ":w=6:h=6:color=white:t=fill", "-frames:v", "1",
                out.toString());
        return out;
    }

    List<double[]> track(String element, int x, int y) throws Exception {
        marker(x, y);
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 25, "quality": "high",
                 "scenes": [{"duration": 2, "background-color": "#FF0000", "elements": [%s]}]}""".formatted(element));
        List<double[]> centres = new ArrayList<>();
        for (BufferedImage f : Decoded.frames(r.output())) {
            centres.add(centre(f));
            assertThat(red(f)).as("no background shows").isZero();
        }
        return centres;
    }

    /** The brightness-weighted centre of what is brighter than the grey picture. */
    static double[] centre(BufferedImage f) {
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (int y = 0; y < f.getHeight(); y++) {
            for (int x = 0; x < f.getWidth(); x++) {
                int g = f.getRGB(x, y) >> 8 & 255;
                double w = Math.max(0, g - 60);
                sx += w * x;
                sy += w * y;
                sw += w;
            }
        }
        return new double[] {sx / sw, sy / sw};
    }

    static int red(BufferedImage f) {
        int n = 0;
        for (int y = 0; y < f.getHeight(); y++) {
            for (int x = 0; x < f.getWidth(); x++) {
                int rgb = f.getRGB(x, y);
                n += (rgb >> 16 & 255) > 150 && (rgb >> 8 & 255) < 80 ? 1 : 0;
            }
        }
        return n;
    }

    /** Steps between frames along one axis: all of one sign, and each within 0.5 px of the average step. */
    static void smooth(List<double[]> c, int axis, double total) {
        int n = c.size() - 1;
        double moved = c.get(n)[axis] - c.get(0)[axis];
        assertThat(moved).as("distance moved").isCloseTo(total, org.assertj.core.data.Offset.offset(Math.abs(total) * 0.06 + 1));
        double mean = moved / n;
        for (int i = 1; i <= n; i++) {
            double step = c.get(i)[axis] - c.get(i - 1)[axis];
            assertThat(step).as("step %d (mean %.3f)", i, mean).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.5));
            assertThat(Math.signum(step)).as("step %d goes one way", i).isIn(Math.signum(total), 0.0);
        }
    }

    @Test
    void aCroppedPanLeftMovesThePictureRightSmoothlyWithoutShowingTheBackground() throws Exception {
        List<double[]> c = track("{\"type\": \"image\", \"src\": \"marker.png\", \"pan\": \"left\", \"pan-distance\": 0.2}",
                160, 90);
        // The view travels 20 % of the picture (64 px) to the left, in a picture enlarged 1/(1-0.2) times to stay
        // covered: on screen the marker moves 80 px to the right, and stays on its row.
        smooth(c, 0, 80);
        assertThat(c.get(c.size() - 1)[1]).isCloseTo(90, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aZoomInMovesAMarkerAwayFromTheCentreSmoothly() throws Exception {
        List<double[]> c = track("{\"type\": \"image\", \"src\": \"marker.png\", \"zoom\": 3}", 240, 90);
        // Zoom 3: the picture grows 30 % over the element's time; a marker 80 px right of the centre ends 104 px
        // right of it.
        smooth(c, 0, 24);
    }

    @Test
    void aPanDownRightMovesBothWays() throws Exception {
        List<double[]> c = track("{\"type\": \"image\", \"src\": \"marker.png\", \"pan\": \"bottom-right\", "
                + "\"pan-distance\": 0.1}", 160, 90);
        double s = 1 / 0.9;
        smooth(c, 0, -32 * s);
        smooth(c, 1, -18 * s);
    }

    @Test
    void aZoomOverTwoScenesContinuesAcrossTheCut() throws Exception {
        marker(240, 90);
        RenderResult r = Renders.render(dir, """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 25, "quality": "high",
                 "elements": [{"type": "image", "src": "marker.png", "zoom": 3, "duration": -2}],
                 "scenes": [{"duration": 1}, {"duration": 1}]}""");
        List<double[]> c = new ArrayList<>();
        for (BufferedImage f : Decoded.frames(r.output())) {
            c.add(centre(f));
        }
        assertThat(c).hasSize(50);
        // One zoom over the element's two seconds, whichever scene draws the frame.
        smooth(c, 0, 24);
    }
}
