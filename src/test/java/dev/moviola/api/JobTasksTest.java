package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A job's scenes are db-scheduler tasks of their own, at most the job's concurrency at once; their clips wait
 * in the blob store's {@code intermediates/{jobId}/} until the assembly task has joined them, then go.
 */
class JobTasksTest extends ServerTest {

    /** Four scenes of their own colours with a caption each (so each takes a moment), a fade into the third. */
    private static String movie(String last) {
        return """
                {"resolution": "custom", "width": 320, "height": 180, "scenes": [
                  {"duration": 1, "background-color": "red", "elements": [{"type": "text", "text": "one"}]},
                  {"duration": 1, "background-color": "lime", "elements": [{"type": "text", "text": "two"}]},
                  {"duration": 1, "background-color": "blue", "transition": {"style": "fade", "duration": 0.4},
                   "elements": [{"type": "text", "text": "three"}]},
                  {"duration": 1, "background-color": "%s", "elements": [{"type": "text", "text": "four"}]}]}"""
                .formatted(last);
    }

    private String submit(String movie) throws Exception {
        return ok("POST", "/v1/render/jobs", "{\"movie\": " + movie + ", \"renderOptions\": {\"requestedConcurrency\": 2}}",
                202).path("jobId").asText();
    }

    @Test
    void eachSceneIsATaskAndItsClipWaitsInTheStoreUntilTheAssembly() throws Exception {
        String jobId = submit(movie("white"));
        Path intermediates = dir.resolve("data/blobs/intermediates/" + jobId);
        Set<String> tasks = new TreeSet<>();
        Set<String> stored = new TreeSet<>();
        int mostRunning = 0;
        JsonNode job;
        long until = System.currentTimeMillis() + 120_000;
        do {
            assertThat(System.currentTimeMillis()).as("the job finishes").isLessThan(until);
            job = ok("GET", "/v1/jobs/" + jobId, null, 200);
            mostRunning = Math.max(mostRunning, job.path("children").path("running").asInt());
            tasks.addAll(sceneTasks());
            if (Files.isDirectory(intermediates)) {
                try (Stream<Path> files = Files.list(intermediates)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(stored::add);
                }
            }
            Thread.sleep(10);
        } while (!Set.of("done", "failed", "cancelled").contains(job.path("status").asText()));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        // One task per scene and one for the sound, all of the job's first attempt; never more than 2 scenes at once.
        assertThat(tasks).containsExactlyInAnyOrder(jobId + "/1/-1", jobId + "/1/0", jobId + "/1/1", jobId + "/1/2",
                jobId + "/1/3");
        assertThat(mostRunning).isBetween(1, 2);
        assertThat(job.path("children").path("total").asInt()).isEqualTo(4);
        assertThat(job.path("children").path("succeeded").asInt()).isEqualTo(4);
        // Each clip and the sound were stored for the assembly (the faded scenes with their blended ends) ...
        assertThat(stored).contains("scene_000.json", "scene_000.body.mp4", "scene_001.tail.mkv", "scene_002.head.mkv",
                "scene_003.json", "audio.m4a");
        // ... and are gone now; the plan stays with the job.
        assertThat(intermediates).doesNotExist();
        assertThat(dir.resolve("data/blobs/render-plans/" + jobId + "/plan.json")).content().contains("\"scenes\"");
        assertThat(sceneTasks()).isEmpty();

        Path out = download(job.path("outputUrl").asText(), dir.resolve("out.mp4"));
        assertThat(Decoded.probe(out).duration()).isBetween(3.5, 3.7); // four seconds, less the 0.4 s fade
        assertColour(out, 12, 255, 0, 0);
        assertColour(out, 37, 0, 255, 0);
        assertColour(out, Decoded.frameCount(out) - 3, 255, 255, 255);

        // The same movie again: the movie cache. One scene changed: only that scene renders.
        JsonNode again = awaitJob(submit(movie("white")));
        assertThat(again.path("cache").path("movie").asText()).isEqualTo("hit");
        JsonNode edited = awaitJob(submit(movie("yellow")));
        assertThat(edited.path("status").asText()).as(edited.toString()).isEqualTo("done");
        assertThat(edited.path("cache").path("movie").asText()).isEqualTo("miss");
        assertThat(edited.path("cache").path("scenesHit").asInt()).isEqualTo(3);
        assertThat(edited.path("cache").path("scenesRendered").asInt()).isEqualTo(1);
        assertThat(edited.path("children").path("cached").asInt()).isEqualTo(3);
        Path changed = download(edited.path("outputUrl").asText(), dir.resolve("edited.mp4"));
        assertColour(changed, 12, 255, 0, 0);
        assertColour(changed, Decoded.frameCount(changed) - 3, 255, 255, 0);
    }

    private static void assertColour(Path video, long frame, int r, int g, int b) {
        BufferedImage img = Decoded.frame(video, frame);
        // Away from the caption in the middle.
        assertThat(Pixels.near(img, 20, 20, r, g, b)).as("frame %d: %s", frame, Pixels.describe(img, 20, 20)).isTrue();
    }

    /**
     * The part tasks in the job database now: the scenes' (on their own table) and the sound's (beside planning and
     * assembly), read beside the server, as any SQLite reader may.
     */
    private Set<String> sceneTasks() throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/moviola.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select task_instance from scene_tasks union all"
                        + " select task_instance from scheduled_tasks where task_name = 'render-sound'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
