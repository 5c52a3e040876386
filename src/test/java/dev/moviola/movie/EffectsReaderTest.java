package dev.moviola.movie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Zoom, pan, rotate, chroma key and correction as real documents write them, and clear errors otherwise. */
class EffectsReaderTest {
    private final MovieReader reader = new MovieReader(Limits.DEFAULT);

    Effects effects(String keys) throws InvalidMovieException {
        Parsed p = reader.read("{\"scenes\":[{\"elements\":[{\"type\":\"image\",\"src\":\"a.png\"," + keys + "}]}]}");
        return ((ImageElement) p.movie().scenes().get(0).elements().get(0)).visual().effects();
    }

    List<Problem> errors(String keys) {
        try {
            effects(keys);
        } catch (InvalidMovieException e) {
            return e.errors();
        }
        throw new AssertionError("expected errors for " + keys);
    }

    @Test
    void readsEachEffect() throws Exception {
        Effects e = effects("""
                "zoom": 5, "pan": "top-left", "pan-distance": 0.3, "pan-crop": false, "rotate": {"angle": 8, "speed": 2},
                "chroma-key": {"color": "#00b140", "tolerance": 40},
                "correction": {"brightness": 0.1, "contrast": 1.2, "gamma": 0.9, "saturation": 1.5}""");
        assertThat(e.zoom()).isEqualTo(5);
        assertThat(e.pan()).isEqualTo(new Effects.Pan(Effects.Direction.TOP_LEFT, 0.3, false));
        assertThat(e.rotate()).isEqualTo(new Effects.Rotation(8, 2));
        assertThat(e.chromaKey()).isEqualTo(new Effects.ChromaKey(Color.parse("#00b140").orElseThrow(), 40));
        assertThat(e.correction()).isEqualTo(new Effects.Correction(0.1, 1.2, 0.9, 1.5));
        assertThat(e.moves()).isTrue();
    }

    @Test
    void neutralValuesAreNoEffect() throws Exception {
        Effects e = effects("\"zoom\": 0, \"pan\": null, \"pan-distance\": 0.5, \"rotate\": {}, \"correction\": {}");
        assertThat(e).isEqualTo(Effects.NONE);
        assertThat(effects("\"pan\": \"\"").pan()).isNull();
        assertThat(effects("\"rotate\": 12").rotate()).isEqualTo(new Effects.Rotation(12, 0));
        assertThat(effects("\"pan\": \"right\"").pan()).isEqualTo(new Effects.Pan(Effects.Direction.RIGHT, 0.1, true));
    }

    @Test
    void mistakesNameTheirPath() {
        assertThat(errors("\"zoom\": 11")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].zoom");
            assertThat(p.message()).contains("from -10 to 10");
        });
        assertThat(errors("\"pan\": \"lefft\"")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].pan");
            assertThat(p.message()).contains("did you mean \"left\"");
        });
        assertThat(errors("\"chroma-key\": {\"tolerance\": 30}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("scenes[0].elements[0].chroma-key.color");
            assertThat(p.message()).contains("is required");
        });
        assertThat(errors("\"correction\": {\"gamma\": 0}")).singleElement().satisfies(p ->
                assertThat(p.path()).isEqualTo("scenes[0].elements[0].correction.gamma"));
    }
}
