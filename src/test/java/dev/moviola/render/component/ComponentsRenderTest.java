package dev.moviola.render.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Renders;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped component rendered in a scene of its own (320×180, dark blue background) with its documented
 * settings and colours chosen to be found, and sampled at chosen times: each check says which colour must (or
 * must not) show in which region of the frame at which time.
 */
@Slow
class ComponentsRenderTest {
    static final int FPS = 25;
    static final double SCENE = 2.4;
    static final ObjectMapper JSON = new ObjectMapper();

    /** A colour that must show (at least {@code min} pixels) or must not ({@code min} = 0) in a region at a time. */
    record Check(double t, double x0, double y0, double x1, double y1, int rgb, int min) {
        static Check shows(double t, double x0, double y0, double x1, double y1, int rgb) {
            return new Check(t, x0, y0, x1, y1, rgb, 12);
        }

        static Check absent(double t, double x0, double y0, double x1, double y1, int rgb) {
            return new Check(t, x0, y0, x1, y1, rgb, 0);
        }
    }

    /** One component in one scene. */
    record Case(String name, String component, String settings, String element, List<Check> checks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final int RED = 0xff0000;
    static final int GREEN = 0x00ff00;
    static final int YELLOW = 0xffff00;
    static final int WHITE = 0xffffff;

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("basic/000 headline above body, top of the frame", "basic/000",
                "{\"headline\": {\"text\": \"HEADLINE\", \"color\": \"#ff0000\", \"font-size\": \"10vw\", \"font-weight\": 700},"
                        + " \"body\": {\"text\": [\"GREEN <b>BODY</b>\"], \"color\": \"#00ff00\", \"font-size\": \"8vw\"}}",
                "", List.of(
                        Check.absent(0, 0, 0, 1, 1, RED), Check.absent(0, 0, 0, 1, 1, GREEN),
                        Check.shows(0.28, 0, 0, 1, 0.5, RED), Check.absent(0.28, 0, 0, 1, 1, GREEN),
                        Check.shows(2, 0, 0, 1, 0.3, RED), Check.absent(2, 0, 0.3, 1, 1, RED),
                        Check.shows(2, 0, 0.25, 1, 0.55, GREEN), Check.absent(2, 0, 0.6, 1, 1, GREEN))));
        c.add(new Case("basic/000 flat strings: headline and subline", "basic/000",
                "{\"headline\": \"FOR SALE\", \"subline\": \"123 Oak Street\", \"card\": {\"vertical-align\": \"bottom\"}}",
                "", List.of(Check.shows(2, 0, 0.55, 1, 1, WHITE), Check.absent(2, 0, 0, 1, 0.45, WHITE))));
        c.add(new Case("basic/001 bar grows beside headline and body dropping in", "basic/001",
                "{\"headline\": {\"text\": \"HEADLINE\", \"color\": \"#00ff00\", \"font-size\": \"8vw\", \"font-weight\": 700}, \"body\": \"Body\","
                        + " \"bar\": {\"background\": \"#ff0000\"}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, GREEN), Check.shows(0.2, 0, 0, 0.2, 0.5, RED),
                        Check.shows(2, 0, 0, 0.12, 0.5, RED), Check.absent(2, 0, 0, 0.12, 1, GREEN),
                        Check.shows(2, 0.12, 0, 0.6, 0.3, GREEN), Check.absent(2, 0, 0.5, 1, 1, RED))));
        c.add(new Case("basic/050 bar, then strips wipe open left to right, bottom left", "basic/050",
                "{\"headline\": {\"text\": \"A LONG HEADLINE FOR THE WIPE\", \"background-color\": \"#00ff00\"},"
                        + " \"lead\": {\"text\": \"the lead line\", \"background-color\": \"#ffff00\"},"
                        + " \"bar\": {\"background\": \"#ff0000\"}}",
                "", List.of(Check.shows(0.12, 0, 0.6, 0.1, 1, RED), Check.absent(0.12, 0, 0, 1, 1, GREEN),
                        Check.shows(0.6, 0, 0.6, 0.2, 1, GREEN), Check.absent(0.6, 0.45, 0, 1, 1, GREEN),
                        Check.shows(2, 0.45, 0.65, 0.6, 0.86, GREEN), Check.shows(2, 0.05, 0.8, 0.3, 1, YELLOW),
                        Check.absent(2, 0, 0, 1, 0.6, GREEN), Check.absent(2, 0, 0, 1, 0.6, YELLOW))));
        c.add(new Case("basic/051 round picture, strip beside it, turning ring", "basic/051",
                "{\"image\": {\"src\": \"{face}\"}, \"headline\": {\"text\": \"Jane Doe\", \"background-color\": \"#00ff00\"},"
                        + " \"bar\": {\"color\": \"#ff0000\"}}",
                "", List.of(Check.absent(0.5, 0, 0, 1, 1, GREEN), Check.absent(0, 0, 0, 1, 1, YELLOW),
                        Check.shows(2.3, 0, 0.5, 0.16, 1, YELLOW), Check.shows(2.3, 0, 0.5, 0.16, 1, RED),
                        Check.shows(2.3, 0.16, 0.5, 0.5, 1, GREEN), Check.absent(2.3, 0, 0, 1, 0.5, YELLOW))));
        c.add(new Case("basic/052 section label at once, headline revealed from the left", "basic/052",
                "{\"section\": {\"text\": \"NEWS\", \"background-color\": \"#ff0000\"},"
                        + " \"headline\": {\"text\": \"HEADLINE TEXT\", \"background-color\": \"#00ff00\"}}",
                "", List.of(Check.shows(0, 0, 0.7, 0.2, 1, RED), Check.absent(0, 0, 0, 1, 1, GREEN),
                        Check.shows(0.12, 0.1, 0.7, 0.3, 1, GREEN), Check.absent(0.12, 0.25, 0, 1, 1, GREEN),
                        Check.shows(2, 0.22, 0.7, 0.3, 1, GREEN), Check.absent(2, 0, 0, 1, 0.6, RED))));
        c.add(new Case("basic/100 box moves from the right edge to the middle", "basic/100",
                "{\"box\": {\"initial_left\": \"100%\", \"final_left\": \"50%\", \"background\": \"#ff0000\", \"box-shadow\": \"none\", \"duration\": 1000}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, RED), Check.shows(2, 0.55, 0, 1, 1, RED),
                        Check.absent(2, 0, 0, 0.45, 1, RED))));
        c.add(new Case("basic/120 picture, then the name under it", "basic/120",
                "{\"image\": {\"background-image\": \"url({face})\", \"border\": \"none\", \"width\": \"30%\", \"margin\": \"2vw auto\"},"
                        + " \"name\": {\"text\": \"NAME\", \"color\": \"#00ff00\", \"font-size\": \"8vw\", \"font-weight\": 700},"
                        + " \"title\": \"\", \"description\": \"\"}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, YELLOW), Check.absent(0.3, 0, 0, 1, 1, GREEN),
                        Check.shows(2.3, 0.35, 0, 0.65, 0.7, YELLOW), Check.absent(2.3, 0, 0, 0.3, 1, YELLOW),
                        Check.shows(2.3, 0.3, 0.55, 0.7, 1, GREEN), Check.absent(2.3, 0, 0, 1, 0.4, GREEN))));
        c.add(new Case("basic/125 first column left of the others, rows in", "basic/125",
                "{\"table\": {\"font-size\": \"8vw\", \"font-weight\": 700, \"color\": \"#00ff00\"}, \"header\": {\"display\": \"none\","
                        + " \"column-widths\": [\"50%\", \"50%\"]}, \"first-column\": {\"color\": \"#ff0000\", \"text-align\": \"right\"},"
                        + " \"data\": {\"columns\": [\"a\", \"b\"], \"rows\": [[\"MON\", \"<b>ONE</b>\"], [\"TUE\", \"TWO<br>2\"]]}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, RED), Check.shows(2, 0, 0, 0.5, 1, RED),
                        Check.absent(2, 0.5, 0, 1, 1, RED), Check.shows(2, 0.5, 0, 1, 1, GREEN),
                        Check.absent(2, 0, 0, 0.5, 1, GREEN))));
        c.add(new Case("advanced/000 an item grows in at the centre", "advanced/000",
                "{\"animation\": {\"text\": [\"ONE\", \"TWO\"], \"color\": \"#ff0000\", \"font-size\": \"12vw\", \"font-weight\": 700}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, RED), Check.shows(1, 0.3, 0.3, 0.7, 0.7, RED),
                        Check.absent(1, 0, 0, 1, 0.2, RED), Check.absent(1, 0, 0.8, 1, 1, RED))));
        c.add(new Case("advanced/001 words fall into place at the centre", "advanced/001",
                "{\"animation\": {\"text\": \"BIG WORDS\", \"color\": \"#00ff00\", \"speed\": 6, \"font-size\": \"12vw\", \"font-weight\": 700}}",
                "", List.of(Check.shows(2, 0.2, 0.3, 0.8, 0.7, GREEN), Check.absent(2, 0, 0, 1, 0.2, GREEN),
                        Check.absent(2, 0, 0.8, 1, 1, GREEN))));
        c.add(new Case("advanced/050 button pops in at the centre", "advanced/050",
                "{\"button\": {\"text\": \"GO\", \"background\": \"#ff0000\", \"color\": \"#ffff00\", \"font-size\": \"14vw\", \"font-weight\": 800}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, RED), Check.shows(2.3, 0.4, 0.4, 0.6, 0.6, RED),
                        Check.shows(2.3, 0.35, 0.3, 0.65, 0.7, YELLOW), Check.absent(2.3, 0, 0, 0.25, 0.25, RED))));
        c.add(new Case("advanced/051 the pointer comes to the button", "advanced/051",
                "{\"button\": {\"text\": \"GO\", \"background\": \"#ff0000\", \"color\": \"#ff0000\"}}",
                "", List.of(Check.absent(0.2, 0, 0, 1, 1, WHITE), Check.shows(2.3, 0.5, 0.5, 0.62, 0.68, WHITE),
                        Check.absent(2.3, 0.7, 0.75, 1, 1, WHITE), Check.shows(2.3, 0.42, 0.42, 0.58, 0.58, RED))));
        c.add(new Case("advanced/060 the number widens as it counts to 1000", "advanced/060",
                "{\"counter\": {\"to\": \"1000\", \"duration\": 2000, \"color\": \"#00ff00\", \"font-weight\": 700}}",
                "", List.of(Check.shows(0, 0.45, 0.3, 0.55, 0.7, GREEN), Check.absent(0, 0, 0, 0.42, 1, GREEN),
                        Check.shows(2.3, 0.3, 0.3, 0.42, 0.7, GREEN), Check.shows(2.3, 0.58, 0.3, 0.7, 0.7, GREEN))));
        c.add(new Case("advanced/070 value 4.4: four and a bit stars on, the rest off", "advanced/070",
                "{\"rating\": {\"value\": 4.4, \"size\": \"10vw\", \"color\": \"#ffff00\", \"off-color\": \"#ff0000\"}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, YELLOW), Check.shows(2.3, 0.2, 0.35, 0.45, 0.65, YELLOW),
                        Check.absent(2.3, 0, 0, 0.66, 1, RED), Check.shows(2.3, 0.7, 0.35, 0.8, 0.65, RED))));
        c.add(new Case("advanced/070 value \"4\" as a string: the fifth star off", "advanced/070",
                "{\"rating\": {\"value\": \"4\", \"size\": \"10vw\", \"color\": \"#ffff00\", \"off-color\": \"#ff0000\"}}",
                "", List.of(Check.shows(2.3, 0.66, 0.35, 0.8, 0.65, RED), Check.absent(2.3, 0.68, 0, 1, 1, YELLOW))));
        c.add(new Case("shape/rectangle a tilted rectangle flies in, a circle stays", "shape/rectangle",
                "{\"rectangle1\": {\"left\": \"90%\", \"top\": \"100%\", \"width\": \"20%\", \"height\": \"20%\", \"rotate\": \"30deg\","
                        + " \"background\": \"#ffff00\", \"animate\": {\"duration\": \"1000\", \"easing\": \"easeOutCubic\", \"left\": \"37%\","
                        + " \"top\": \"25%\", \"rotate\": \"0deg\"}}, \"rectangle2\": {\"left\": \"5%\", \"top\": \"5%\", \"width\": \"10%\","
                        + " \"height\": \"10%\", \"border-radius\": \"50%\", \"background\": \"#ff0000\", \"animate\": {}}}",
                "", List.of(Check.absent(0, 0, 0, 1, 0.9, YELLOW), Check.shows(0, 0, 0, 0.2, 0.2, RED),
                        Check.shows(2, 0.4, 0.3, 0.55, 0.42, YELLOW), Check.absent(2, 0.7, 0.6, 1, 1, YELLOW),
                        Check.shows(2, 0, 0, 0.2, 0.2, RED))));
        c.add(new Case("shape/polygon moves right and turns from green to red", "shape/polygon",
                "{\"polygon1\": {\"points\": \"0,0 100,0 100,100 0,100\", \"left\": \"10%\", \"top\": \"10%\", \"width\": \"30%\","
                        + " \"height\": \"30%\", \"fill\": \"#00ff00\", \"animate\": {\"fill\": \"#ff0000\", \"duration\": 1000, \"left\": \"60%\"}}}",
                "", List.of(Check.shows(0, 0.12, 0.12, 0.38, 0.38, GREEN), Check.absent(0, 0.5, 0, 1, 1, GREEN),
                        Check.shows(2, 0.62, 0.12, 0.88, 0.38, RED), Check.absent(2, 0, 0, 1, 1, GREEN),
                        Check.absent(2, 0, 0, 0.55, 1, RED))));
        c.add(new Case("shape/cutout the picture shows through a growing ellipse", "shape/cutout",
                "{\"background\": {\"background-image\": \"url({face})\"}}",
                "", List.of(Check.absent(0, 0, 0, 1, 1, YELLOW), Check.shows(2, 0.4, 0.4, 0.6, 0.6, YELLOW),
                        Check.absent(2, 0, 0, 0.1, 0.1, YELLOW), Check.absent(2, 0.9, 0.9, 1, 1, YELLOW))));
        c.add(new Case("shape/3dbox turns to show a side face", "shape/3dbox",
                "{\"size\": {\"width\": \"30vw\", \"height\": \"30vw\", \"depth\": \"30vw\"}, \"front\": {\"background\": \"#ff0000\"},"
                        + " \"left\": {\"background\": \"#00ff00\"}, \"right\": {\"background\": \"#00ff00\"}}",
                "", List.of(Check.shows(0, 0.4, 0.4, 0.6, 0.6, RED), Check.absent(0, 0, 0, 1, 1, GREEN),
                        Check.shows(2.3, 0.3, 0.2, 0.7, 0.8, GREEN), Check.shows(2.3, 0.3, 0.2, 0.7, 0.8, RED))));
        c.add(new Case("textbox/simple a box with its text fitted moves right", "textbox/simple",
                "{\"textbox1\": {\"left\": \"10%\", \"top\": \"10%\", \"width\": \"40%\", \"height\": \"30%\","
                        + " \"background\": \"#ff0000\", \"text\": \"FIT\", \"color\": \"#ffff00\", \"font-weight\": 800,"
                        + " \"animate\": {\"left\": \"50%\", \"duration\": 1000}}}",
                "", List.of(Check.shows(0, 0.12, 0.12, 0.48, 0.38, RED), Check.absent(0, 0.55, 0, 1, 1, RED),
                        Check.shows(2, 0.52, 0.12, 0.88, 0.38, RED), Check.shows(2, 0.52, 0.1, 0.9, 0.42, YELLOW),
                        Check.absent(2, 0, 0, 0.48, 1, RED), Check.absent(2, 0, 0.45, 1, 1, YELLOW))));
        c.add(new Case("basic/051 a WebP picture (converted once by ffmpeg)", "basic/051",
                "{\"image\": {\"src\": \"{webp}\"}, \"headline\": \"x\"}",
                "", List.of(Check.shows(2.3, 0, 0.5, 0.16, 1, YELLOW), Check.absent(0, 0, 0, 1, 1, YELLOW))));
        return c;
    }

    static RenderResult result;
    static Map<Long, BufferedImage> frames;
    static LocalHttp server;

    @BeforeAll
    static void render(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path media = dir.resolve("media");
        java.nio.file.Files.createDirectories(media);
        server = new LocalHttp();
        server.serve("face.png", TestMedia.solid(media, "face.png", "0xffff00", 64, 64));
        server.serve("face.webp", TestMedia.solid(media, "face.webp", "0xffff00", 64, 64));
        ObjectNode movie = JSON.createObjectNode().put("resolution", "custom").put("width", 320).put("height", 180)
                .put("fps", FPS);
        ArrayNode scenes = movie.putArray("scenes");
        List<Case> all = cases();
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Case k = all.get(i);
            ObjectNode el = k.element().isEmpty() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(k.element());
            el.put("type", "component").put("component", k.component());
            el.set("settings", JSON.readTree(k.settings().replace("{face}", server.url("face.png")).replace("{webp}", server.url("face.webp"))));
            ObjectNode scene = scenes.addObject().put("background-color", "#000033").put("duration", SCENE);
            scene.putArray("elements").add(el);
            for (Check ch : k.checks()) {
                wanted.add(index(i, ch.t()));
            }
        }
        result = Renders.render(dir, JSON.writeValueAsString(movie));
        frames = Decoded.frames(result.output(), wanted);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static long index(int scene, double t) {
        return Math.round(scene * SCENE * FPS + t * FPS);
    }

    static Stream<Case> table() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void itsPartsShowWhereAndWhenTheComponentSays(Case k) {
        int i = cases().stream().map(Case::name).toList().indexOf(k.name());
        for (Check ch : k.checks()) {
            BufferedImage f = frames.get(index(i, ch.t()));
            if (System.getProperty("components.debug") != null) {
                try {
                    javax.imageio.ImageIO.write(f, "png", Path.of(System.getProperty("components.debug"),
                            k.component().replace('/', '-') + "-" + i + "-" + ch.t() + ".png").toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            int n = count(f, ch);
            String what = String.format("%s: #%06x in (%.2f,%.2f)-(%.2f,%.2f) at %.2fs: %d px", k.name(), ch.rgb(),
                    ch.x0(), ch.y0(), ch.x1(), ch.y1(), ch.t(), n);
            if (ch.min() == 0) {
                assertThat(n).as(what).isLessThanOrEqualTo(2);
            } else {
                assertThat(n).as(what).isGreaterThanOrEqualTo(ch.min());
            }
        }
    }

    static int count(BufferedImage f, Check ch) {
        int x0 = (int) (ch.x0() * f.getWidth());
        int x1 = (int) Math.min(f.getWidth(), ch.x1() * f.getWidth());
        int y0 = (int) (ch.y0() * f.getHeight());
        int y1 = (int) Math.min(f.getHeight(), ch.y1() * f.getHeight());
        int r = ch.rgb() >> 16 & 255;
        int g = ch.rgb() >> 8 & 255;
        int b = ch.rgb() & 255;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = f.getRGB(x, y);
                if (Math.abs((p >> 16 & 255) - r) <= 40 && Math.abs((p >> 8 & 255) - g) <= 40 && Math.abs((p & 255) - b) <= 40) {
                    n++;
                }
            }
        }
        return n;
    }
}
