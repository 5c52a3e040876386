package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.pipeline.RenderFailure;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that is really a playlist (HLS, ffconcat) naming other files must not make ffmpeg read them: it is
 * refused when probed, naming the element — even in the CLI, which may fetch and read anything itself.
 */
class HostileContainerTest {
    @TempDir
    Path dir;

    private static String movie(String src) {
        return """
                {"resolution": "custom", "width": 96, "height": 54, "scenes": [{"duration": 1, "elements": [
                  {"type": "video", "src": "%s"}]}]}""".formatted(src);
    }

    @Test
    void anHlsPlaylistServedAsAVideoIsRefused() throws Exception {
        Path segment = TestMedia.solid(dir, "segment.png", "red", 16, 16); // a file it would love to read
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path playlist = Files.writeString(dir.resolve("clip.mp4"), """
                #EXTM3U
                #EXT-X-TARGETDURATION:1
                #EXTINF:1,
                file://%s
                #EXTINF:1,
                file://%s
                #EXT-X-ENDLIST
                """.formatted(segment, secret));
        try (LocalHttp http = new LocalHttp()) {
            String url = http.serve("clip.mp4", playlist);
            assertThatThrownBy(() -> Renders.render(dir, movie(url))).isInstanceOfSatisfying(RenderFailure.class, f -> {
                assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
                assertThat(f.getMessage()).startsWith("scenes[0].elements[0].src: ").contains("it is a hls file")
                        .contains("never read");
            });
        }
    }

    @Test
    void aConcatListGivenAsALocalFileIsRefused() throws Exception {
        Path list = Files.writeString(dir.resolve("list.mov"), "ffconcat version 1.0\nfile /etc/passwd\n");
        assertThatThrownBy(() -> Renders.render(dir, movie(list.toString()))).isInstanceOfSatisfying(RenderFailure.class,
                f -> {
                    assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
                    assertThat(f.getMessage()).startsWith("scenes[0].elements[0].src: ").contains("never read");
                });
    }
}
