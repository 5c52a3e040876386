package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.TextStyle;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Each text style 002-013 rendered in a scene of its own, next to a scene with the same text and settings in
 * style 001, and sampled at chosen times: invisible before it starts, partly drawn mid-way (the first letters or
 * words before the last), and, where the style ends at rest, exactly 001's picture at the end.
 */
class TextStylesRenderTest {
    static final int FPS = 25;
    static final double SCENE = 3;
    static final String TEXT = "Hello World";
    static final int[] BG = {0x33, 0x66, 0x99};
    static final List<String> CODES = List.of("002", "003", "004", "005", "006", "007", "008", "009", "010", "011",
            "012", "013");

    static RenderResult result;
    static Map<Long, BufferedImage> frames;

    /** Frame numbers sampled: in each style's scene and its reference's. */
    static final double[] TIMES = {0, 0.04, 0.12, 0.2, 0.3, 0.4, 1.0, 1.2, 2.96};

    @BeforeAll
    static void render(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode movie = json.createObjectNode().put("resolution", "custom").put("width", 320).put("height", 180)
                .put("fps", FPS);
        ArrayNode scenes = movie.putArray("scenes");
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i < CODES.size(); i++) {
            String code = CODES.get(i);
            ObjectNode settings = TextStyle.of(code).orElseThrow().defaults().put("font-size", "8vw");
            if (code.equals("012")) {
                settings.put("color", "#FFFFFF");
            }
            for (String style : List.of(code, "001")) {
                ObjectNode scene = scenes.addObject().put("background-color", "#336699").put("duration", SCENE);
                scene.putArray("elements").addObject().put("type", "text").put("style", style).put("text", TEXT)
                        .set("settings", settings.deepCopy());
            }
            for (double t : TIMES) {
                wanted.add(index(code, false, t));
                wanted.add(index(code, true, t));
            }
        }
        result = Renders.renderEveryFrame(dir, json.writeValueAsString(movie));
        frames = Decoded.frames(result.output(), wanted);
    }

    static long index(String code, boolean reference, double seconds) {
        int scene = CODES.indexOf(code) * 2 + (reference ? 1 : 0);
        return Math.round(scene * SCENE * FPS + seconds * FPS);
    }

    static BufferedImage at(String code, double seconds) {
        return frames.get(index(code, false, seconds));
    }

    /** Style 001's picture of the same text and settings. */
    static BufferedImage reference(String code) {
        return frames.get(index(code, true, 1.0));
    }

    /** How much differs from the background in columns {@code [x0, x1)}, summed over the channels. */
    static long ink(BufferedImage img, int x0, int x1, int y0, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int d = Math.abs((rgb >> 16 & 255) - BG[0]) + Math.abs((rgb >> 8 & 255) - BG[1])
                        + Math.abs((rgb & 255) - BG[2]);
                sum += d > 24 ? d : 0;
            }
        }
        return sum;
    }

    static long ink(BufferedImage img) {
        return ink(img, 0, img.getWidth(), 0, img.getHeight());
    }

    /** Mean difference per channel between two frames. */
    static double difference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /**
     * Pixels whose brightness differs clearly (by more than 24 of 255): none where two frames show the same picture,
     * since the encoder's noise stays below that in brightness (colour is quantised more coarsely, so it is not
     * compared), while a text moved by a pixel differs clearly along its edges.
     */
    static int mismatched(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += Math.abs(luma(a.getRGB(x, y)) - luma(b.getRGB(x, y))) > 24 ? 1 : 0;
            }
        }
        return n;
    }

    static double luma(int rgb) {
        return 0.2126 * (rgb >> 16 & 255) + 0.7152 * (rgb >> 8 & 255) + 0.0722 * (rgb & 255);
    }

    /** The columns the reference text occupies, split in thirds: the first letters' and the last letters'. */
    static int[] thirds(String code) {
        BufferedImage ref = reference(code);
        int left = -1;
        int right = -1;
        for (int x = 0; x < ref.getWidth(); x++) {
            if (ink(ref, x, x + 1, 0, ref.getHeight()) > 0) {
                right = x;
                if (left < 0) {
                    left = x;
                }
            }
        }
        int third = (right - left + 1) / 3;
        return new int[] {left, left + third, right + 1 - third, right + 1};
    }

    /** The first third of the text is drawn (at least {@code share} of it) and the last third is not (yet). */
    static void firstBeforeLast(String code, double seconds, double share) {
        int[] t = thirds(code);
        BufferedImage f = at(code, seconds);
        BufferedImage ref = reference(code);
        int h = f.getHeight();
        assertThat((double) ink(f, t[0], t[1], 0, h)).as("%s at %.2f s: the first letters", code, seconds)
                .isGreaterThan(share * ink(ref, t[0], t[1], 0, h));
        assertThat((double) ink(f, t[2], t[3], 0, h)).as("%s at %.2f s: the last letters", code, seconds)
                .isLessThan(0.1 * ink(ref, t[2], t[3], 0, h));
    }

    static void invisibleAt(String code, double seconds) {
        assertThat((double) ink(at(code, seconds))).as("%s at %.2f s", code, seconds)
                .isLessThan(0.03 * ink(reference(code)));
    }

    static void endsAs001(String code) {
        assertThat(mismatched(at(code, 2.96), reference(code))).as("%s at the end vs 001", code).isLessThan(5);
    }

    static void partly(String code, double seconds, double from, double to) {
        double share = (double) ink(at(code, seconds)) / ink(reference(code));
        assertThat(share).as("%s at %.2f s: share of the text drawn", code, seconds).isBetween(from, to);
    }

    @Test
    void fadeIn002() {
        invisibleAt("002", 0);
        partly("002", 1.0, 0.3, 0.75);
        endsAs001("002");
    }

    @Test
    void wordByWord003() {
        invisibleAt("003", 0);
        firstBeforeLast("003", 0.3, 0.3);
        endsAs001("003");
    }

    @Test
    void letterByLetter004() {
        invisibleAt("004", 0);
        firstBeforeLast("004", 0.12, 0.5);
        endsAs001("004");
    }

    @Test
    void jumpingLetters005() {
        firstBeforeLast("005", 0.2, 0.3);
        endsAs001("005");
    }

    @Test
    void revealingLetters006() {
        invisibleAt("006", 0.4);
        partly("006", 1.0, 0.3, 0.98);
        endsAs001("006");
    }

    @Test
    void dominoLetters007() {
        invisibleAt("007", 0);
        firstBeforeLast("007", 0.2, 0.3);
        endsAs001("007");
    }

    @Test
    void zoomInWithLines008() {
        invisibleAt("008", 0);
        firstBeforeLast("008", 0.3, 0.3);
        BufferedImage end = at("008", 2.96);
        BufferedImage ref = reference("008");
        int[] rows = inkRows(ref);
        // The text as 001 draws it, and a rule above and one below it that 001 does not draw.
        assertThat(ink(end, 0, 320, rows[0], rows[1] + 1)).isCloseTo(ink(ref, 0, 320, rows[0], rows[1] + 1),
                org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(ink(end, 0, 320, 0, rows[0] - 1)).as("the rule above").isGreaterThan(0);
        assertThat(ink(end, 0, 320, rows[1] + 2, 180)).as("the rule below").isGreaterThan(0);
        assertThat(ink(ref, 0, 320, 0, rows[0] - 1) + ink(ref, 0, 320, rows[1] + 2, 180)).isZero();
    }

    @Test
    void lettersFadeInAtRandom009() {
        invisibleAt("009", 0);
        partly("009", 1.2, 0.15, 0.85);
        endsAs001("009");
    }

    @Test
    void lettersFadeOutAtRandom010() {
        // Drawn letter by letter (each with its own shadow), it starts as 001 but for a few edge pixels.
        assertThat(mismatched(at("010", 0), reference("010"))).as("010 starts as 001").isLessThan(30);
        partly("010", 1.2, 0.15, 0.85);
        invisibleAt("010", 2.96);
    }

    @Test
    void backgroundPerWord011() {
        BufferedImage f = at("011", 0.04);
        int[] rows = inkRows(f);
        assertThat(inkRows(reference("011"))[0]).as("001 fills its whole box with the background").isZero();
        assertThat(rows[0]).as("011 only behind the words").isGreaterThan(40);
        int black = 0;
        for (int x = 0; x < 320; x++) {
            int rgb = f.getRGB(x, rows[0] + 1);
            black += (rgb >> 16 & 255) < 30 && (rgb >> 8 & 255) < 30 && (rgb & 255) < 30 ? 1 : 0;
        }
        assertThat(black).as("the words' black boxes across the text's top row").isGreaterThan(60);
        assertThat(mismatched(at("011", 2.96), f)).as("it does not move").isLessThan(5);
    }

    @Test
    void lettersGrowIn012() {
        invisibleAt("012", 0);
        firstBeforeLast("012", 0.2, 0.3);
        endsAs001("012");
    }

    @Test
    void phrasesOnPills013() {
        assertThat(whiteRuns(at("013", 0), 90)).as("no pill in the frame before they fall").isZero();
        BufferedImage end = at("013", 2.96);
        int[] rows = inkRows(end);
        int middle = (rows[0] + rows[1]) / 2;
        assertThat(whiteRuns(end, middle)).as("two pills (one per word) across the middle").isGreaterThanOrEqualTo(2);
        int dark = 0;
        for (int x = 0; x < 320; x++) {
            for (int y = rows[0]; y <= rows[1]; y++) {
                int rgb = end.getRGB(x, y);
                dark += (rgb >> 16 & 255) < 60 && (rgb >> 8 & 255) < 60 && (rgb & 255) < 60 ? 1 : 0;
            }
        }
        assertThat(dark).as("the words in #111111 on the pills").isGreaterThan(100);
    }

    /** First and last rows with ink. */
    static int[] inkRows(BufferedImage img) {
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            if (ink(img, 0, img.getWidth(), y, y + 1) > 0) {
                bottom = y;
                if (top < 0) {
                    top = y;
                }
            }
        }
        return new int[] {top, bottom};
    }

    /** Runs of near-white pixels along a row. */
    static int whiteRuns(BufferedImage img, int y) {
        int runs = 0;
        boolean in = false;
        for (int x = 0; x < img.getWidth(); x++) {
            int rgb = img.getRGB(x, y);
            boolean white = (rgb >> 16 & 255) > 220 && (rgb >> 8 & 255) > 220 && (rgb & 255) > 220;
            if (white && !in) {
                runs++;
            }
            in = white;
        }
        return runs;
    }
}
