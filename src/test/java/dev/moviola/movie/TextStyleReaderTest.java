package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.movie.TextSettings.HorizontalAlign;
import dev.moviola.movie.TextSettings.VerticalAlign;
import org.junit.jupiter.api.Test;

/** A text's style gives it default settings; the element's own settings win, whatever spelling they use. */
class TextStyleReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    Parsed parse(String element) throws InvalidMovieException {
        return reader.read("{\"scenes\":[{\"elements\":[" + element + "]}]}");
    }

    TextElement text(String element) throws InvalidMovieException {
        return (TextElement) parse(element).movie().scenes().get(0).elements().get(0);
    }

    @Test
    void aStyleStartsFromItsDefaults() throws Exception {
        TextElement t = text("{\"type\":\"text\",\"text\":\"x\",\"style\":\"008\"}");
        assertThat(t.style()).isEqualTo("008");
        assertThat(t.settings().fontFamily()).isEqualTo("Anton");
        assertThat(t.settings().color()).isEqualTo(Color.WHITE);
        TextElement big = text("{\"type\":\"text\",\"text\":\"x\",\"style\":\"012\"}");
        assertThat(big.settings().fontSize()).isEqualTo(new CssLength(12, CssLength.Unit.VW));
        assertThat(big.settings().color()).isEqualTo(Color.parse("#111111").orElseThrow());
        TextElement reveal = text("{\"type\":\"text\",\"text\":\"x\",\"style\":\"006\"}");
        assertThat(reveal.settings().letterSpacing()).isEqualTo(new CssLength(0.5, CssLength.Unit.EM));
        assertThat(reveal.settings().textShadow()).hasSize(1);
    }

    @Test
    void theElementsSettingsWinOverTheStyles() throws Exception {
        TextElement t = text("""
                {"type":"text","text":"x","style":"012","settings":{"color":"red","font-size":"30px","font-family":"Inter"}}""");
        assertThat(t.settings().color()).isEqualTo(Color.parse("red").orElseThrow());
        assertThat(t.settings().fontSize()).isEqualTo(new CssLength(30, CssLength.Unit.PX));
        assertThat(t.settings().fontFamily()).isEqualTo("Inter");
        // font-color is color's other spelling: the style's color goes, no conflict is reported.
        Parsed p = parse("{\"type\":\"text\",\"text\":\"x\",\"style\":\"012\",\"settings\":{\"font-color\":\"blue\"}}");
        assertThat(((TextElement) p.movie().scenes().get(0).elements().get(0)).settings().color())
                .isEqualTo(Color.parse("blue").orElseThrow());
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void bothSpellingsOfTheAlignmentsAreRead() throws Exception {
        TextElement t = text("""
                {"type":"text","text":"x","style":"011","settings":{"vertical-position":"bottom","horizontal-position":"right"}}""");
        assertThat(t.settings().verticalAlign()).isEqualTo(VerticalAlign.BOTTOM);
        assertThat(t.settings().blockAlign()).isEqualTo(HorizontalAlign.RIGHT);
        TextElement a = text("""
                {"type":"text","text":"x","settings":{"horizontal-align":"left","text-align":"right"}}""");
        assertThat(a.settings().blockAlign()).isEqualTo(HorizontalAlign.LEFT);
        assertThat(a.settings().textAlign()).isEqualTo(TextSettings.TextAlign.RIGHT);
        assertThat(text("{\"type\":\"text\",\"text\":\"x\",\"settings\":{\"text-align\":\"right\"}}").settings().blockAlign())
                .as("without horizontal-align, the block goes where text-align puts lines").isEqualTo(HorizontalAlign.RIGHT);
        Parsed both = parse("""
                {"type":"text","text":"x","settings":{"vertical-align":"top","vertical-position":"bottom"}}""");
        assertThat(((TextElement) both.movie().scenes().get(0).elements().get(0)).settings().verticalAlign())
                .isEqualTo(VerticalAlign.TOP);
        assertThat(both.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("scenes[0].elements[0].settings.vertical-position");
            assertThat(w.message()).contains("vertical-align is used");
        });
    }

    @Test
    void shortCodesAndPillColourAreRead() throws Exception {
        TextElement t = text("{\"type\":\"text\",\"text\":\"a, b\",\"style\":\"13\",\"settings\":{\"pill-color\":\"#FF0000\"}}");
        assertThat(t.style()).isEqualTo("013");
        assertThat(t.settings().pillColor()).isEqualTo(Color.parse("#FF0000").orElseThrow());
        assertThat(t.settings().fontFamily()).isEqualTo("Oswald");
        assertThat(text("{\"type\":\"text\",\"text\":\"x\",\"style\":\"1\"}").style()).isEqualTo("001");
    }

    @Test
    void settingsThatAreNotAnObjectAreAnErrorAtTheirPath() {
        try {
            parse("{\"type\":\"text\",\"text\":\"x\",\"style\":\"003\",\"settings\":\"big\"}");
            throw new AssertionError("expected an error");
        } catch (InvalidMovieException e) {
            assertThat(e.errors()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("scenes[0].elements[0].settings");
                assertThat(p.message()).contains("expected an object");
            });
        }
    }

    @Test
    void scaleIsTheOlderSpellingOfTheBoxSize() throws Exception {
        Parsed p = parse("{\"type\":\"image\",\"src\":\"a.png\",\"scale\":{\"width\":640,\"height\":360}}");
        Visual v = ((ImageElement) p.movie().scenes().get(0).elements().get(0)).visual();
        assertThat(v.width()).isEqualTo(640);
        assertThat(v.height()).isEqualTo(360);
        assertThat(p.warnings()).isEmpty();
    }
}
