package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the playground's page loads, as a browser gets it without a key: the page, its own files (and no other),
 * the shipped examples with their assets, byte for byte as in the repository; the route that gives a job's
 * movie back to its own key, and each scene's progress the page draws.
 */
class PlaygroundApiTest extends ServerTest {

    @Test
    void thePageItsFilesAndTheExamplesNeedNoKey() throws Exception {
        HttpResponse<String> page = call("GET", "/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"editor\"></div>", "/playground/editor.bundle.js", "/playground/app.js");
        assertThat(page.body()).as("nothing from elsewhere").doesNotContain("http://", "https://");

        for (String file : List.of("app.js", "style.css", "editor.bundle.js", "THIRD-PARTY-LICENSES.txt")) {
            HttpResponse<String> r = call("GET", "/playground/" + file, null, null);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).as(file).isNotBlank();
        }
        assertThat(call("GET", "/playground/editor.bundle.js", null, null).headers().firstValue("content-type").orElse(""))
                .startsWith("text/javascript");
        assertThat(call("GET", "/playground/THIRD-PARTY-LICENSES.txt", null, null).body())
                .contains("@codemirror/view", "codemirror-json-schema", "MIT");
        assertThat(call("GET", "/playground/index.html.bak", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/playground/examples/..%2F..%2Fapi%2FApiServer.class", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/playground/examples/.hidden", null, null).statusCode()).isEqualTo(404);

        JsonNode examples = JSON.readTree(call("GET", "/playground/examples", null, null).body());
        List<String> names = new ArrayList<>();
        examples.forEach(e -> names.add(e.path("name").asText()));
        List<String> shipped;
        try (var files = Files.list(Path.of("examples"))) {
            shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        assertThat(names).as("every example of the repository").isEqualTo(shipped);
        assertThat(examples.get(0).path("comment").asText()).isNotBlank();
        for (String name : shipped) {
            assertThat(call("GET", "/playground/examples/" + name, null, null).body()).as(name)
                    .isEqualTo(Files.readString(Path.of("examples", name)));
        }
        HttpResponse<byte[]> picture = HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url() + "/playground/examples/assets/sunrise.jpg")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(picture.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(picture.body()).as("the example's asset as it is").isEqualTo(Files.readAllBytes(Path.of("examples/assets/sunrise.jpg")));
    }

    @Test
    void aJobsMovieComesBackToItsKeyAndEachSceneHasItsProgress() throws Exception {
        String movie = twoColours("#102030", "#405060");
        String id = ok("POST", "/v1/render/jobs", "{\"movie\": " + movie + "}", 202).path("jobId").asText();
        JsonNode back = ok("GET", "/v1/jobs/" + id + "/movie", null, 200);
        assertThat(back).isEqualTo(JSON.readTree(movie));
        assertThat(call("GET", "/v1/jobs/" + id + "/movie", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/jobs/job_nosuchjob00000/movie", null, KEY).statusCode()).isEqualTo(404);
        JsonNode done = awaitJob(id);
        assertThat(done.at("/children/progress").toString()).as("each scene's fraction done, in scene order")
                .isEqualTo("[1.0,1.0]");
    }
}
