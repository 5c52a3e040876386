package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.Settings;
import dev.moviola.net.Access;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An html element in a rendered movie: its capture shows inside its box like a picture (position and fade-in apply,
 * transparent parts show the background), a repeat render takes the capture from the cache without a browser, the
 * server's address policy holds for what the page loads, and with no browser at all the render fails at the element's
 * path saying how to install one.
 */
class HtmlRenderTest {
    @TempDir
    Path dir;

    private static final String MOVIE = """
            {"width": 160, "height": 90, "fps": 10, "scenes": [{"duration": 2, "background-color": "#0000ff",
             "elements": [{"type": "html", "width": 80, "height": 40, "position": "bottom-right", "fade-in": 1,
              "html": "<style>body { margin: 0 }</style><div style='width: 50%; height: 100%; background: #ff0000'></div>"}]}]}""";

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(java.util.stream.Stream.of("chromium", "chromium-browser", "google-chrome")
                .anyMatch(HtmlRenderTest::onPath), "html elements need Chromium: apt-get install chromium");
    }

    private Path render(String json, Map<String, String> more) throws Exception {
        return render(json, more, Access.OPEN);
    }

    /** @param access what the render may read: {@link Access#OPEN} as the CLI, restricted as the server */
    private Path render(String json, Map<String, String> more, Access access) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("work-dir", dir.resolve("work").toString(),
                "cache-dir", dir.resolve("cache").toString()));
        s.putAll(more);
        Settings settings = Settings.load(s, Map.of()).withAccess(access);
        Path out = dir.resolve("movie-" + System.nanoTime() + ".mp4");
        try (Pipeline p = new Pipeline(settings, TestFfmpeg.ffmpeg())) {
            p.render(Pipeline.read(json, settings), dir, out, RenderOptions.DEFAULT, ProgressListener.NONE);
        }
        return out;
    }

    @Test
    void theCaptureShowsInItsBoxWithPositionAndFade() throws Exception {
        Path movie = render(MOVIE, Map.of());
        BufferedImage start = Decoded.frame(movie, 0);
        assertThat(Pixels.near(start, 100, 70, 0, 0, 255)).as("fading in from nothing: the background "
                + Pixels.describe(start, 100, 70)).isTrue();
        BufferedImage shown = Decoded.frame(movie, 15);
        assertThat(Pixels.near(shown, 100, 70, 255, 0, 0)).as("the box sits bottom-right; its left half is the red div "
                + Pixels.describe(shown, 100, 70)).isTrue();
        assertThat(Pixels.near(shown, 140, 70, 0, 0, 255)).as("the box's right half draws nothing: the background "
                + Pixels.describe(shown, 140, 70)).isTrue();
        assertThat(Pixels.near(shown, 40, 20, 0, 0, 255)).as("outside the box: the background").isTrue();
        assertThat(Pixels.near(shown, 100, 45, 0, 0, 255)).as("above the box (it starts at y 50)").isTrue();
        BufferedImage half = Decoded.frame(movie, 5);
        assertThat(Pixels.rgb(half, 100, 70)[0]).as("half way through the fade").isBetween(90, 170);

        Path again = render(MOVIE, Map.of("browser", dir.resolve("no-browser-here").toString()));
        assertThat(Pixels.near(Decoded.frame(again, 15), 100, 70, 255, 0, 0))
                .as("a repeat render takes the capture from the cache: no browser needed").isTrue();
        assertThatThrownBy(() -> render(MOVIE.replace("\"fade-in\": 1,", "\"fade-in\": 1, \"cache\": false,"),
                Map.of("browser", dir.resolve("no-browser-here").toString())))
                .as("cache: false draws the page afresh, which needs the browser").isInstanceOf(RenderFailure.class)
                .hasMessageContaining("set browser");
    }

    @Test
    void inTheServerThePageOfAnHtmlElementReachesNoLoopbackAddress() throws Exception {
        try (LocalHttp local = new LocalHttp()) {
            String green = local.serve("green.png", TestMedia.solid(dir, "green.png", "0x00ff00", 160, 90));
            String movie = """
                    {"width": 160, "height": 90, "fps": 10, "scenes": [{"duration": 1, "background-color": "#0000ff",
                     "elements": [{"type": "html", "html": "<img style='position: absolute; left: 0; top: 0' src='%s'>"}]}]}"""
                    .formatted(green);
            Path served = render(movie, Map.of(), Access.OPEN.restrict());
            assertThat(local.requests()).as("the server's policy: the page's request for a loopback picture is refused")
                    .isZero();
            assertThat(Pixels.near(Decoded.frame(served, 5), 80, 45, 0, 0, 255)).as("so only the background shows")
                    .isTrue();
            Path cli = render(movie, Map.of("cache-dir", dir.resolve("cli-cache").toString()), Access.OPEN);
            assertThat(local.hits("green.png")).as("the CLI's policy: any address").isEqualTo(1);
            assertThat(Pixels.near(Decoded.frame(cli, 5), 80, 45, 0, 255, 0)).isTrue();
        }
    }

    @Test
    void withoutABrowserTheRenderFailsAtTheElementSayingHowToInstallOne() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> render(MOVIE, Map.of("browser", dir.resolve("empty/chromium").toString())))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("scenes[0].elements[0].html")
                .hasMessageContaining("apt-get install chromium").hasMessageContaining("set browser");
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    }
}
