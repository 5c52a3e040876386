package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One description of a render, two runners: the CLI's (every stage in this process) and the service's (each
 * stage a durable task, files passed through the blob store) make the same movie, frame for frame and sample for
 * sample.
 */
class RunnersTest extends ServerTest {
    private final LocalHttp http = new LocalHttp();

    @AfterEach
    void stopHttp() {
        http.close();
    }

    /** Six scenes: a video with its sound, fading texts, a picture, a wipe into the fourth scene, music throughout. */
    private String movie() {
        Path media = dir.resolve("media");
        String clip = http.serve("clip.mp4", TestMedia.countingVideo(mkdirs(media), "clip.mp4", 25, 1.2));
        String music = http.serve("music.wav", TestMedia.tone(media, "music.wav", 330, 8, 0.2));
        String picture = http.serve("picture.png", TestMedia.quadrants(media, "picture.png", 64, 36));
        return """
                {"resolution": "custom", "width": 160, "height": 90, "fps": 25,
                 "elements": [{"type": "audio", "src": "%2$s", "duration": -2, "volume": 0.5, "fade-out": 0.5}],
                 "scenes": [
                  {"elements": [{"type": "video", "src": "%1$s"}]},
                  {"duration": 0.8, "background-color": "navy", "elements": [
                    {"type": "text", "text": "Fading in", "fade-in": 0.4, "settings": {"font-size": "18px"}}]},
                  {"duration": 0.8, "elements": [{"type": "image", "src": "%3$s", "fade-out": 0.3}]},
                  {"duration": 1, "background-color": "maroon", "transition": {"style": "wipeleft", "duration": 0.4},
                   "elements": [{"type": "text", "text": "Wiped", "start": 0.2, "fade-out": 0.3}]},
                  {"duration": 0.6, "elements": [{"type": "video", "src": "%1$s", "seek": 0.4, "muted": true},
                    {"type": "text", "text": "Over video", "position": "bottom-center", "settings": {"font-size": "14px"}}]},
                  {"duration": 0.6, "background-color": "#336699", "elements": []}]}""".formatted(clip, music, picture);
    }

    @Test
    void theCliRunnerAndTheDurableRunnerMakeTheSameMovie() throws Exception {
        String movie = movie();

        // The service: planning, six scenes, the sound and the assembly are tasks of their own.
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + movie + "}", 202).path("jobId").asText();
        JsonNode job = awaitJob(jobId);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("cache").path("scenesRendered").asInt()).isEqualTo(6);
        Path durable = download(job.path("outputUrl").asText(), dir.resolve("durable.mp4"));

        // The CLI's runner, with a cache of its own (nothing the service made is reused).
        Path cli = mkdirs(dir.resolve("cli"));
        Settings settings = Renders.settings(cli);
        RenderResult r = new Pipeline(settings, TestFfmpeg.ffmpeg()).render(Pipeline.read(movie, settings), cli,
                cli.resolve("out.mp4"), RenderOptions.DEFAULT, ProgressListener.NONE);
        assertThat(r.cache().scenesRendered()).isEqualTo(6);

        List<String> frames = Decoded.frameHashes(r.output());
        assertThat(frames).hasSize(115); // 1.2 + 0.8 + 0.8 + 1 + 0.6 + 0.6 = 5 s, less the 0.4 s wipe, at 25 fps
        assertThat(Decoded.frameHashes(durable)).isEqualTo(frames);
        float[] sound = Decoded.audio(r.output());
        assertThat(Decoded.rms(sound, 0.1, 1.1)).as("the video's tone and the music").isGreaterThan(0.1);
        assertThat(Decoded.audio(durable)).isEqualTo(sound);
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
