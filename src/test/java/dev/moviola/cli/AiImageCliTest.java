package dev.moviola.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.testing.TestFfmpeg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An AI image on the command line with no image provider configured: exit 1, naming the setting to configure. */
class AiImageCliTest {

    @TempDir
    Path dir;

    @Test
    void anAiImageWithoutItsProviderExitsOneNamingTheSetting() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A house at twilight", "model": "flux-schnell"}]}]}""");
        Path config = dir.resolve("moviola.properties");
        Files.writeString(config, "replicate-url=http://127.0.0.1:9\n"); // no token: the provider is not configured
        Path out = dir.resolve("out.mp4");
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run(new String[] {"render", movie.toString(), "-o", out.toString(), "--config", config.toString(),
                "--ffmpeg", TestFfmpeg.installation().ffmpeg().toString(), "--work-dir", dir.resolve("work").toString(),
                "--cache-dir", dir.resolve("cache").toString()});
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(said).isEqualTo(1);
        assertThat(said).contains("scenes[0].elements[0].prompt").contains("replicate-api-token")
                .contains("MOVIOLA_REPLICATE_API_TOKEN");
        assertThat(out).doesNotExist();
    }
}
