package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "#F00;255;0;0;255", "#ff000080;255;0;0;128", "#1E90FF;30;144;255;255", "#1e90ff;30;144;255;255",
        "#F008;255;0;0;136", "rgb(10, 20, 30);10;20;30;255", "rgba(255,0,0,0.5);255;0;0;128",
        "rgba(100%, 0%, 50%, 1);255;0;128;255", "rgb(0 128 255 / 50%);0;128;255;128", "navy;0;0;128;255",
        "RebeccaPurple;102;51;153;255", "transparent;0;0;0;0", "  white ;255;255;255;255",
        "hsl(0, 100%, 50%);255;0;0;255", "hsl(120 100% 25%);0;128;0;255", "hsl(210, 100%, 50%);0;128;255;255",
        "hsla(240, 100%, 50%, 0.5);0;0;255;128", "hsl(0.5turn 100% 50% / 25%);0;255;255;64",
        "hsl(-120deg, 100%, 50%);0;0;255;255", "HSL(0, 0%, 100%);255;255;255;255", "hsl(30, 50%, 50%);191;128;64;255",
        "hwb(120 0% 50%);0;128;0;255", "hwb(0 60% 60%);128;128;128;255"})
    void parsesEveryCssSyntax(String text, int r, int g, int b, int a) {
        assertThat(Color.parse(text)).contains(new Color(r, g, b, a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "#12", "#12345", "#GGGGGG", "rgb(1,2)", "rgba(1,2,3,4,5)", "blu", "rgb(a,b,c)",
        "hsl(1,2%)", "hsl(red, 50%, 50%)", "hsla(1,2%,3%,4,5)", "lab(50% 40 59)"})
    void rejectsWhatIsNotAColour(String text) {
        assertThat(Color.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"#FF000080,0x800000FF", "#00FF00,0x00FF00FF"})
    void compositesOverBlackForTheOutput(String text, String ffmpeg) {
        assertThat(Color.parse(text).orElseThrow().overBlack().toFfmpeg()).isEqualTo(ffmpeg);
    }
}
