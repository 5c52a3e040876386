package dev.moviola.render;

import static dev.moviola.render.TextStylesRenderTest.mismatched;
import static dev.moviola.render.TextStylesRenderTest.ink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every setting works with every style: the same unusual settings (a box of its own, left and bottom alignment,
 * padding, a background, bold uppercase with letter spacing, a hard shadow, line height), a fade-in and opacity
 * give, at the end of each moving style, what style 001 draws with them; an element that starts late animates
 * from its own start; 013's pills take {@code pill-color}.
 */
class TextStyleSettingsRenderTest {
    static final int FPS = 25;
    static final double SCENE = 3;
    static final List<String> AT_REST = List.of("002", "003", "004", "005", "006", "007", "008", "009", "012");
    static final String SETTINGS = """
            {"font-size": "22px", "font-family": "Inter", "font-weight": "700", "color": "#FFE000",
             "background-color": "#202020", "text-align": "left", "horizontal-align": "left", "vertical-align": "bottom",
             "line-height": "1.3", "letter-spacing": "1px", "text-shadow": "2px 2px 0 #000000",
             "text-transform": "uppercase", "padding": "6px 10px", "pill-color": "#FF00FF"}""";

    static Map<Long, BufferedImage> frames;
    static List<String> scenes = new ArrayList<>();

    @BeforeAll
    static void render(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode movie = json.createObjectNode().put("resolution", "custom").put("width", 320).put("height", 180)
                .put("fps", FPS);
        ArrayNode list = movie.putArray("scenes");
        List<String> styles = new ArrayList<>();
        for (String code : AT_REST) {
            styles.add(code);
            styles.add("001");
        }
        styles.add("013");
        for (String style : styles) {
            scenes.add(style);
            ObjectNode e = list.addObject().put("background-color", "#336699").put("duration", SCENE)
                    .putArray("elements").addObject().put("type", "text").put("style", style)
                    .put("text", "Hello wide world of motion").put("x", 20).put("y", 20).put("width", 220)
                    .put("height", 120).put("fade-in", 0.2).put("opacity", 0.9);
            e.set("settings", json.readTree(SETTINGS));
        }
        scenes.add("late");
        list.addObject().put("background-color", "#336699").put("duration", SCENE).putArray("elements").addObject()
                .put("type", "text").put("style", "003").put("text", "Late to start").put("start", 1)
                .set("settings", json.readTree("{\"font-size\": \"40px\"}"));
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            for (double t : new double[] {0.96, 1.2, 2.96}) {
                wanted.add(Math.round((i * SCENE + t) * FPS));
            }
        }
        RenderResult r = Renders.renderEveryFrame(dir, json.writeValueAsString(movie));
        frames = Decoded.frames(r.output(), wanted);
    }

    static BufferedImage at(int scene, double t) {
        return frames.get(Math.round((scene * SCENE + t) * FPS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"002", "003", "004", "005", "006", "007", "009", "012"})
    void movingStylesEndAs001DrawsTheSameSettings(String code) {
        int scene = AT_REST.indexOf(code) * 2;
        assertThat(ink(at(scene + 1, 2.96))).as("001 draws the text").isGreaterThan(100_000);
        assertThat(mismatched(at(scene, 2.96), at(scene + 1, 2.96))).as(code + " at the end vs 001").isLessThan(5);
    }

    @Test
    void style008EndsAs001PlusItsRules() {
        int scene = AT_REST.indexOf("008") * 2;
        BufferedImage end = at(scene, 2.96);
        BufferedImage ref = at(scene + 1, 2.96);
        // Inside the box the rules are over the box's background; outside it, nothing differs.
        assertThat(ink(end, 0, 320, 145, 180)).isEqualTo(ink(ref, 0, 320, 145, 180));
        assertThat(mismatched(end, ref)).as("the rules, 0.05 em thick, as wide as the text").isBetween(100, 1000);
    }

    @Test
    void pillsTakeThePillColour() {
        BufferedImage end = at(scenes.indexOf("013"), 2.96);
        int magenta = 0;
        int outside = 0;
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 320; x++) {
                int rgb = end.getRGB(x, y);
                boolean m = (rgb >> 16 & 255) > 180 && (rgb >> 8 & 255) < 80 && (rgb & 255) > 180;
                if (m) {
                    magenta++;
                    outside += x < 15 || x > 245 || y < 15 || y > 145 ? 1 : 0;
                }
            }
        }
        assertThat(magenta).as("pills of #FF00FF").isGreaterThan(1000);
        assertThat(outside).as("inside the element's box").isZero();
    }

    @Test
    void anElementThatStartsLateAnimatesFromItsOwnStart() {
        int scene = scenes.indexOf("late");
        assertThat(ink(at(scene, 0.96))).as("before its start").isZero();
        long partly = ink(at(scene, 1.2));
        long all = ink(at(scene, 2.96));
        assertThat(all).isGreaterThan(20_000);
        assertThat(partly).as("0.2 s in: its first word only, partly").isGreaterThan(0).isLessThan(all * 8 / 10);
    }
}
