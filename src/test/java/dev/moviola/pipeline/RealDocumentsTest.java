package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.Quality;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Renders;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Documents people wrote for JSON2Video (copied with their sources into {@code src/test/resources/dev/moviola/
 * real-docs}) render unchanged: every remote URL is answered by a local server with a stand-in of the same kind
 * (a photo, a clip, music, a font), and the video has the document's size and length, and shows something in
 * each of its scenes.
 */
@Slow
class RealDocumentsTest {
    private static final Pattern URL = Pattern.compile("https?://([^\"'\\s)]+)");
    static LocalHttp http;
    static Path media;

    @BeforeAll
    static void standIns(@TempDir Path dir) throws IOException {
        media = dir;
        http = new LocalHttp();
        TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:d=1", "-frames:v", "1", dir.resolve("photo.jpg").toString());
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=orange@0.8:s=200x100,format=rgba", "-frames:v", "1",
                dir.resolve("logo.png").toString());
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=teal:s=320x180", "-frames:v", "1", dir.resolve("flat.webp").toString());
        TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=8", "-f", "lavfi", "-i", "sine=f=440:d=8",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", dir.resolve("clip.mp4").toString());
        TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=f=220:d=60", "-c:a", "libmp3lame", dir.resolve("music.mp3").toString());
        try (InputStream font = RealDocumentsTest.class.getResourceAsStream("/dev/moviola/fonts/Roboto-Bold.ttf")) {
            Files.write(dir.resolve("font.ttf"), font.readAllBytes());
        }
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    /** The document with each URL pointed at a stand-in of its kind on the local server. */
    static String localised(String name) throws IOException {
        String json;
        try (InputStream in = RealDocumentsTest.class.getResourceAsStream("/dev/moviola/real-docs/" + name + ".json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = URL.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(1).replaceAll("[?#].*", "");
            String ext = path.contains(".") ? path.substring(path.lastIndexOf('.')).toLowerCase(Locale.ROOT) : "";
            String standIn = switch (ext) {
                case ".png" -> "logo.png";
                case ".webp" -> "flat.webp";
                case ".mp4", ".mov", ".webm" -> "clip.mp4";
                case ".mp3", ".m4a", ".wav" -> "music.mp3";
                case ".ttf", ".otf" -> "font.ttf";
                default -> "photo.jpg";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(http.serve(path, media.resolve(standIn))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lv-hello-world, 640, 360, 5",
        "lv-image-slideshow, 1920, 1080, 12",
        "lv-video-with-text-overlay, 1920, 1080, 8",
        "lv-video-with-watermark, 1920, 1080, 8",
        "sdk-php-hello-world, 640, 360, 12",
        "lv-cnn-lower-third, 1920, 1080, 8",
        "lv-one-line-lower-third, 1920, 1080, 8",
        "lv-event-agenda, 1920, 1080, 10",
        "lv-event-speakers, 1920, 1080, 10",
        "lv-corporate-video, 1920, 1080, 22",
        "lv-black-friday-promo, 1080, 1080, 5",
        "lv-motivational, 1080, 1080, 15",
        "lv-quote, 1080, 1920, 10",
        "lv-real-estate-2, 1080, 1920, 45.52",
        "lv-slide-text-left, 1920, 1080, 8",
        "lv-promo, 1080, 1080, 18.04",
    })
    void rendersAsWritten(String name, int width, int height, double seconds, @TempDir Path dir) throws Exception {
        RenderResult r = Renders.render(dir, localised(name), dev.moviola.ffmpeg.ProcessObserver.NONE,
                new RenderOptions(Quality.LOW, null, null, false, true));
        MediaInfo info = Decoded.probe(r.output());
        assertThat(info.width()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(height);
        assertThat(info.videoDuration()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.1));
        // Something is drawn: the middle of the movie is not one flat colour.
        BufferedImage mid = Decoded.frame(r.output(), Math.round(seconds / 2 * 25));
        if (System.getProperty("realdocs.debug") != null) {
            javax.imageio.ImageIO.write(mid, "png", Path.of(System.getProperty("realdocs.debug"), name + ".png").toFile());
        }
        assertThat(variance(mid)).as("the picture half-way").isGreaterThan(20);
    }

    /** Variance of the brightness over the frame. */
    static double variance(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int rgb = img.getRGB(x, y);
                double l = 0.2126 * (rgb >> 16 & 255) + 0.7152 * (rgb >> 8 & 255) + 0.0722 * (rgb & 255);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }
}
