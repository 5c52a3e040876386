package dev.moviola.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Position;
import dev.moviola.movie.Scene;
import dev.moviola.movie.TextElement;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-estate listing of shared/examples (a copy is in the test resources), rewritten to local files: the
 * rooms' photos become solid colours, the music a tone, the AI twilight picture a local file (no image
 * provider here), at 320x180 (the captions' 90 px of full HD scaled with it). The voice-over speaks with the local
 * engine (no cloud key is set) and the boxed-word subtitles caption it. Left out until its issue lands: the title
 * component.
 */
class RealEstateExampleTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    String rewritten() throws Exception {
        ObjectNode movie;
        try (InputStream in = getClass().getResourceAsStream("/dev/moviola/examples/real-estate-listing.json")) {
            movie = (ObjectNode) JSON.readTree(in);
        }
        TestMedia.solid(dir, "exterior.jpg", "red", 64, 36);
        TestMedia.solid(dir, "kitchen.jpg", "lime", 64, 36);
        TestMedia.solid(dir, "bedroom.jpg", "blue", 64, 36);
        TestMedia.solid(dir, "twilight.png", "magenta", 64, 36);
        TestMedia.tone(dir, "music.wav", 440, 30, 0.5);
        movie.put("resolution", "custom").put("width", 320).put("height", 180).put("quality", "low");
        String[] photos = {"exterior.jpg", "kitchen.jpg", "bedroom.jpg"};
        ArrayNode rooms = (ArrayNode) movie.at("/variables/rooms");
        for (int i = 0; i < rooms.size(); i++) {
            ((ObjectNode) rooms.get(i)).put("image", photos[i]);
        }
        ObjectNode twilight = (ObjectNode) movie.at("/preload/0");
        twilight.remove(List.of("prompt", "model"));
        twilight.put("src", "twilight.png");
        ArrayNode elements = (ArrayNode) movie.get("elements");
        ((ObjectNode) elements.get(0)).put("src", "music.wav");
        ((ObjectNode) elements.get(2).get("settings")).put("font-size", 15);
        ((ArrayNode) movie.at("/scenes/0/elements")).removeAll(); // the basic/000 title component
        return JSON.writeValueAsString(movie);
    }

    @Test
    void expandsToFiveScenesWithTheRightTextsAndPictures() throws Exception {
        Document d = Pipeline.read(rewritten(), Renders.settings(dir));
        Movie m = d.draft().movie();
        assertThat(m.scenes()).hasSize(5);
        assertThat(m.scenes()).allSatisfy(s -> assertThat(s.duration()).isEqualTo(4));
        String[][] expected = {{"exterior.jpg", "Exterior"}, {"kitchen.jpg", "Chef's Kitchen"},
            {"bedroom.jpg", "Master Bedroom"}, {"twilight.png", "At Twilight"}};
        for (int i = 0; i < expected.length; i++) {
            Scene s = m.scenes().get(i + 1);
            assertThat(((ImageElement) s.elements().get(0)).src()).isEqualTo(expected[i][0]);
            TextElement title = (TextElement) s.elements().get(1);
            assertThat(title.text()).isEqualTo(expected[i][1]);
            assertThat(title.visual().position()).isEqualTo(Position.TOP_LEFT);
        }
        assertThat(m.scenes().get(2).where().toString()).isEqualTo("scenes[1] (iteration 2 of rooms)");
        assertThat(m.preload()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("twilight"));
        assertThat(m.clientData().get("listing_id").asText()).isEqualTo("L-4821");
        assertThat(m.exports()).hasSize(1);
    }

    @Test
    void rendersTheRoomsAndTheTwilightPicture() throws Exception {
        RenderResult r = Renders.render(dir, rewritten());
        assertThat(r.duration()).as("5 scenes of 4 s, 4 fades of 0.5 s").isEqualTo(18.0);
        assertThat(r.scenes()).isEqualTo(5);
        BufferedImage exterior = Decoded.frame(r.output(), 150); // 6 s: the first room (3.5-7.5 s)
        assertThat(Pixels.near(exterior, 200, 140, 255, 0, 0)).as("exterior photo " + Pixels.describe(exterior, 200, 140)).isTrue();
        assertThat(inkAt(exterior)).as("its name, top-left").isGreaterThan(30);
        BufferedImage twilight = Decoded.frame(r.output(), 400); // 16 s: the preloaded picture (14-18 s)
        assertThat(Pixels.near(twilight, 200, 140, 255, 0, 255)).as("twilight picture " + Pixels.describe(twilight, 200, 140)).isTrue();
        assertThat(inkAt(twilight)).isGreaterThan(30);
        float[] sound = Decoded.audio(r.output());
        assertThat(Decoded.rms(sound, 6, 17)).as("the music at volume 0.4, after the voice-over")
                .isBetween(0.5 * 0.4 / Math.sqrt(2) * 0.9, 0.5 * 0.4 / Math.sqrt(2) * 1.1);
        assertThat(Decoded.rms(sound, 1.7, 2.7)).as("the voice-over over the music, from 1.5 s")
                .isGreaterThan(0.5 * 0.4 / Math.sqrt(2) * 1.1);
        int boxed = 0;
        for (int frame = 40; frame < 100; frame += 5) { // 1.6-4 s: while the voice-over speaks
            BufferedImage f = Decoded.frame(r.output(), frame);
            if (Pixels.countDifferent(f, 0, 120, 320, 60, 0x0E, 0x7C, 0x66) < 320 * 60) {
                boxed++;
            }
        }
        assertThat(boxed).as("the boxed-word captions (box #0E7C66) under the spoken words").isGreaterThan(3);
        BufferedImage later = Decoded.frame(r.output(), 300); // 12 s: nothing is said
        assertThat(Pixels.countDifferent(later, 0, 120, 320, 60, 0x0E, 0x7C, 0x66)).as("no captions then")
                .isEqualTo(320 * 60);
    }

    /** White-ish text pixels where the room's name goes (top-left, 60 px in from the 5 % margins). */
    private static int inkAt(BufferedImage f) {
        int n = 0;
        for (int y = 66; y < 100; y++) {
            for (int x = 74; x < 220; x++) {
                int[] c = Pixels.rgb(f, x, y);
                if (c[0] > 200 && c[1] > 200 && c[2] > 200) {
                    n++;
                }
            }
        }
        return n;
    }
}
