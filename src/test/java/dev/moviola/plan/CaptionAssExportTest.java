package dev.moviola.plan;

import static dev.moviola.plan.CaptionSamples.captions;
import static dev.moviola.plan.CaptionSamples.cue;
import static dev.moviola.plan.CaptionSamples.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.moviola.movie.Color;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ASS file users get: readable by ffmpeg and libass, its style from the settings, karaoke per word. */
class CaptionAssExportTest {
    @TempDir
    Path dir;

    static String styleLine(String ass) {
        return ass.lines().filter(l -> l.startsWith("Style: ")).findFirst().orElseThrow();
    }

    /** Style fields by name (the Format line's order). */
    static String field(String ass, String name) {
        List<String> names = List.of("Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour",
                "OutlineColour", "BackColour", "Bold", "Italic", "Underline", "StrikeOut", "ScaleX", "ScaleY", "Spacing",
                "Angle", "BorderStyle", "Outline", "Shadow", "Alignment", "MarginL", "MarginR", "MarginV", "Encoding");
        return styleLine(ass).substring(7).split(",")[names.indexOf(name)];
    }

    @Test
    void ffmpegReadsItAndItsWordsComeBackWithTheirTimes() throws Exception {
        SubtitleSettings s = CaptionSamples.allCaps(settings(CaptionStyle.CLASSIC));
        Captions c = captions(s, cue(0.5, 0.4, 2.0, "Hello", "{odd}", "back\\Nslash"),
                new Cue(3, 5, List.of(new CaptionWord("late", 3.5, 4.0), new CaptionWord("word", 4.2, 4.6))));
        String ass = AssExport.write(c, 640, 360);
        Path file = dir.resolve("captions.ass");
        Files.writeString(file, ass);
        TestMedia.ffmpeg("-i", file.toString(), "-c:s", "ass", "-f", "null", "-");

        assertThat(ass).contains("PlayResX: 640\n", "PlayResY: 360\n", "ScaledBorderAndShadow: yes\n");
        assertThat(ass).contains("Dialogue: 0,0:00:00.50,0:00:02.00,Caption,,0,0,0,,{\\kf40}HELLO {\\kf40}(ODD) "
                + "{\\kf40}BACK\\\u2060NSLASH\n");
        // A silence before a word is an empty syllable, so the highlight reaches each word when it is said.
        assertThat(ass).contains("Dialogue: 0,0:00:03.00,0:00:05.00,Caption,,0,0,0,,{\\k50}{\\kf50}LATE {\\k20}{\\kf40}WORD\n");

        List<Cue> back = CaptionFiles.parse(ass);
        assertThat(back).hasSize(2);
        assertThat(back.get(1).words()).extracting(CaptionWord::text).containsExactly("LATE", "WORD");
        assertThat(back.get(1).words().get(1).start()).isCloseTo(4.2, within(1e-9));
        assertThat(back.get(1).words().get(1).end()).isCloseTo(4.6, within(1e-9));
    }

    @Test
    void theStyleComesFromTheSettings() {
        SubtitleSettings s = CaptionSamples.shadow(CaptionSamples.outline(CaptionSamples.colours(
                settings(CaptionStyle.CLASSIC), new Color(0x11, 0x22, 0x33, 255), new Color(0x44, 0x55, 0x66, 128),
                CaptionSamples.RED), CaptionSamples.GREEN, 3), new Color(0, 0, 0, 255), 2.5);
        String ass = AssExport.write(captions(s, cue(0, 1, 1, "x")), 1280, 720);
        assertThat(field(ass, "Fontname")).isEqualTo("Inter");
        assertThat(field(ass, "Fontsize")).as("20 px em = 24 px line").isEqualTo("24");
        assertThat(field(ass, "PrimaryColour")).as("word-color, alpha inverted").isEqualTo("&H7F665544");
        assertThat(field(ass, "SecondaryColour")).as("line-color").isEqualTo("&H00332211");
        assertThat(field(ass, "OutlineColour")).isEqualTo("&H0000FF00");
        assertThat(field(ass, "BackColour")).isEqualTo("&H00000000");
        assertThat(field(ass, "Bold")).isEqualTo("-1");
        assertThat(field(ass, "BorderStyle")).isEqualTo("1");
        assertThat(field(ass, "Outline")).isEqualTo("3");
        assertThat(field(ass, "Shadow")).isEqualTo("2.50");
        assertThat(field(ass, "Alignment")).isEqualTo("2");
        assertThat(field(ass, "MarginL")).isEqualTo("64");
        assertThat(field(ass, "MarginV")).isEqualTo("36");

        String boxed = AssExport.write(captions(CaptionSamples.with(settings(CaptionStyle.BOXED_LINE),
                CaptionSamples.placement("top-center")), cue(0, 1, 1, "x")), 1280, 720, "My Font, Bold");
        assertThat(field(boxed, "Fontname")).isEqualTo("My Font  Bold");
        assertThat(field(boxed, "BorderStyle")).as("an opaque box").isEqualTo("3");
        assertThat(field(boxed, "OutlineColour")).as("the box is drawn in the outline colour").isEqualTo("&H000000FF");
        assertThat(field(boxed, "Outline")).as("box padding 0.25 em").isEqualTo("5");
        assertThat(field(boxed, "Alignment")).isEqualTo("8");

        String midTop = AssExport.write(captions(CaptionSamples.with(s, CaptionSamples.placement("mid-top-center")),
                cue(0, 1, 1, "x")), 1280, 720);
        assertThat(field(midTop, "Alignment")).isEqualTo("8");
        assertThat(Integer.parseInt(field(midTop, "MarginV"))).isEqualTo((int) Math.round(36 + 0.25 * (720 - 72 - 24.2)));
        String custom = AssExport.write(captions(CaptionSamples.with(s, CaptionSamples.custom(100, 50)),
                cue(0, 1, 1, "x")), 1280, 720);
        assertThat(field(custom, "Alignment")).isEqualTo("7");
        assertThat(field(custom, "MarginL")).isEqualTo("100");
        assertThat(field(custom, "MarginV")).isEqualTo("50");
    }

    @Test
    void libassSweepsTheWordColourOverWordsAsTheyAreSaid() throws Exception {
        // Line blue, word yellow; "AAAA" said 0-1 s, "BBBB" 1-2 s; frames at 0.5 s steps.
        SubtitleSettings s = CaptionSamples.colours(settings(CaptionStyle.CLASSIC), CaptionSamples.BLUE,
                CaptionSamples.YELLOW, CaptionSamples.RED);
        Path file = dir.resolve("k.ass");
        Files.writeString(file, AssExport.write(captions(s, cue(0, 1, 2.5, "AAAA", "BBBB")), 320, 180));
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=black:s=320x180:r=2:d=3", "-vf", "subtitles=" + file,
                "-frames:v", "5", dir.resolve("f%d.png").toString());
        BufferedImage early = ImageIO.read(dir.resolve("f2.png").toFile()); // 0.5 s
        BufferedImage late = ImageIO.read(dir.resolve("f5.png").toFile()); // 2.0 s
        assertThat(count(early, 255, 255, 0)).as("some of the first word swept").isPositive();
        assertThat(count(early, 0, 0, 255)).as("the rest still in the line colour").isPositive();
        assertThat(count(late, 0, 0, 255)).as("all said").isZero();
        assertThat(count(late, 255, 255, 0)).isGreaterThan(count(early, 255, 255, 0));
    }

    static int count(BufferedImage img, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += Pixels.near(img, x, y, r, g, b) ? 1 : 0;
            }
        }
        return n;
    }
}
