package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.job.Job;
import org.junit.jupiter.api.Test;

/** An AI image in a job while no image provider is configured: the job fails, its error naming the setting. */
class AiImageApiTest extends ServerTest {

    @Test
    void aJobWithAnAiImageAndNoProviderFailsNamingTheSetting() throws Exception {
        String movie = """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "image", "prompt": "A house at twilight", "model": "flux-pro"}]}]}""";
        JsonNode job = awaitJob(Job.idOf(ok("POST", "/v2/movies", movie, 200).path("project").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("failed");
        assertThat(job.toString()).contains("scenes[0].elements[0].prompt").contains("replicate-api-token");
    }
}
