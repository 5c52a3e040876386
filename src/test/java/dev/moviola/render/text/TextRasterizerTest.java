package dev.moviola.render.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moviola.movie.Limits;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Problem;
import dev.moviola.movie.TextElement;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text drawn in Java: what it covers, where it lands, what it warns about. */
class TextRasterizerTest {
    static final FontCatalog FONTS = new FontCatalog(List.of());
    final TextRasterizer raster = new TextRasterizer(FONTS);

    @TempDir
    Path dir;

    static TextElement text(String elementJson) throws Exception {
        return (TextElement) new MovieReader(Limits.DEFAULT).read("{\"scenes\":[{\"elements\":[" + elementJson + "]}]}")
                .movie().scenes().get(0).elements().get(0);
    }

    static long ink(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += img.getRGB(x, y) >>> 24;
            }
        }
        return n;
    }

    @Test
    void filterGraphSyntaxIsJustText() throws Exception {
        RasterText r = raster.rasterize(text("{\"type\":\"text\",\"text\":\"it's 10:30 \\\\ [0:v] %{pts} ; , =\"}"), 640, 360, null);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.image()).isNotNull();
        assertThat(ink(r.image())).isGreaterThan(1000);
    }

    @Test
    void emojiArabicAndCjkFindAFont() throws Exception {
        assumeTrue(new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplayUpTo("中文مرحبا😀") == -1,
                "this machine has no fonts for CJK, Arabic and emoji (CI installs fonts-wqy-microhei and fonts-symbola)");
        RasterText r = raster.rasterize(text("{\"type\":\"text\",\"text\":\"😀 مرحبا 中文\"}"), 640, 360, null);
        assertThat(r.warnings()).isEmpty();
        // Each script draws something of its own: removing any of them changes the picture.
        long all = ink(r.image());
        for (String without : List.of("مرحبا 中文", "😀 中文", "😀 مرحبا")) {
            long fewer = ink(raster.rasterize(text("{\"type\":\"text\",\"text\":\"" + without + "\"}"), 640, 360, null).image());
            assertThat(fewer).isLessThan(all);
        }
    }

    @Test
    void aCharacterNoFontHasIsReported() throws Exception {
        // U+10FFFD is a private-use code point no font draws.
        RasterText r = raster.rasterize(text("{\"type\":\"text\",\"text\":\"a \uDBFF\uDFFD b\"}"), 640, 360, null);
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("scenes[0].elements[0].text");
            assertThat(w.message()).contains("U+10FFFD");
        });
    }

    @Test
    void longTextWrapsInsideItsBox() throws Exception {
        RasterText r = raster.rasterize(text("""
                {"type":"text","x":100,"y":50,"width":200,"height":300,"text":"one two three four five six seven eight nine ten",
                 "settings":{"font-size":"24px"}}"""), 640, 360, null);
        assertThat(r.image().getWidth()).isLessThanOrEqualTo(200);
        assertThat(r.x()).isGreaterThanOrEqualTo(100);
        assertThat(r.image().getHeight()).as("several lines").isGreaterThan(24 * 3);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void alignmentMovesLinesInsideTheBox() throws Exception {
        String box = "\"x\":0,\"y\":0,\"width\":600,\"height\":100,\"text\":\"short\",\"settings\":{\"font-size\":\"20px\",\"text-align\":\"%s\",\"vertical-align\":\"%s\"}";
        RasterText left = raster.rasterize(text("{\"type\":\"text\"," + box.formatted("left", "top") + "}"), 640, 360, null);
        RasterText right = raster.rasterize(text("{\"type\":\"text\"," + box.formatted("right", "bottom") + "}"), 640, 360, null);
        assertThat(left.x()).isLessThan(10);
        assertThat(left.y()).isLessThan(10);
        assertThat(right.x() + right.image().getWidth()).isGreaterThan(590);
        assertThat(right.y() + right.image().getHeight()).isGreaterThan(90);
    }

    @Test
    void aPresetGivesTheTextItsOwnSizedBoxAtTheAnchor() throws Exception {
        RasterText r = raster.rasterize(text("""
                {"type":"text","position":"top-left","x":10,"y":20,"text":"Kitchen",
                 "settings":{"font-size":"30px","background-color":"#000000"}}"""), 640, 360, null);
        // 5 % margins: 32 px and 18 px, plus the offsets; the background fills the box exactly.
        assertThat(r.x()).isEqualTo(42);
        assertThat(r.y()).isEqualTo(38);
        assertThat(r.image().getWidth()).isBetween(90, 140);
        assertThat(r.image().getHeight()).isBetween(30, 45);
    }

    @Test
    void backgroundAndPaddingFillTheBox() throws Exception {
        RasterText r = raster.rasterize(text("""
                {"type":"text","x":10,"y":10,"width":300,"height":80,"text":"hi",
                 "settings":{"background-color":"#FF0000","padding":"10px"}}"""), 640, 360, null);
        assertThat(r.image().getWidth()).isEqualTo(300);
        assertThat(r.image().getHeight()).isEqualTo(80);
        assertThat(r.image().getRGB(1, 1)).isEqualTo(0xFFFF0000);
    }

    @Test
    void anUnknownFamilyFallsBackWithAWarningAndAFontFileIsUsed() throws Exception {
        RasterText missing = raster.rasterize(text("{\"type\":\"text\",\"text\":\"Hello\",\"settings\":{\"font-family\":\"No Such Font\"}}"), 640, 360, null);
        assertThat(missing.warnings()).extracting(Problem::path).containsExactly("scenes[0].elements[0].settings.font-family");
        Path bold = dir.resolve("bold.otf");
        try (InputStream in = getClass().getResourceAsStream("/dev/moviola/fonts/Inter-Bold.otf")) {
            Files.copy(in, bold);
        }
        TextElement e = text("{\"type\":\"text\",\"text\":\"Hello\",\"settings\":{\"font-url\":\"x\"}}");
        RasterText fromFile = raster.rasterize(e, 640, 360, bold);
        RasterText regular = raster.rasterize(text("{\"type\":\"text\",\"text\":\"Hello\"}"), 640, 360, null);
        assertThat(fromFile.warnings()).isEmpty();
        assertThat(ink(fromFile.image())).as("the bold file draws heavier strokes").isGreaterThan(ink(regular.image()) * 11 / 10);
    }

    @Test
    void familiesAreFoundInConfiguredFontDirectories() throws Exception {
        // A copy of the bundled bold face whose family is renamed "Zyxwv" (same length, so the name table's
        // offsets stay valid): a family no system has.
        byte[] font;
        try (InputStream in = getClass().getResourceAsStream("/dev/moviola/fonts/Inter-Bold.otf")) {
            font = in.readAllBytes();
        }
        byte[] from = "Inter".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        byte[] to = "Zyxwv".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        int replaced = 0;
        for (int i = 0; i + from.length <= font.length; i++) {
            if (java.util.Arrays.equals(font, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, font, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).isPositive();
        Path fonts = Files.createDirectories(dir.resolve("fonts/nested"));
        Files.write(fonts.resolve("zyxwv.otf"), font);

        assertThat(FONTS.find("Zyxwv", 700, 20)).isEmpty();
        FontCatalog withDir = new FontCatalog(List.of(dir.resolve("fonts")));
        assertThat(withDir.find("zyxwv", 700, 20)).hasValueSatisfying(f -> assertThat(f.getFamily()).isEqualTo("Zyxwv"));
        RasterText r = new TextRasterizer(withDir).rasterize(
                text("{\"type\":\"text\",\"text\":\"Hello\",\"settings\":{\"font-family\":\"Zyxwv\"}}"), 640, 360, null);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void textTransformAndWeights() throws Exception {
        assertThat(TextRasterizer.transform("hello world", dev.moviola.movie.TextSettings.TextTransform.CAPITALIZE))
                .isEqualTo("Hello World");
        long regular = ink(raster.rasterize(text("{\"type\":\"text\",\"text\":\"Weight\"}"), 640, 360, null).image());
        long bold = ink(raster.rasterize(text("{\"type\":\"text\",\"text\":\"Weight\",\"settings\":{\"font-weight\":700}}"), 640, 360, null).image());
        assertThat(bold).isGreaterThan(regular * 11 / 10);
    }
}
