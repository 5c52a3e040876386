package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /schema/movie.json}: the movie format's JSON Schema, served without a key, as editors fetch it. */
class SchemaApiTest extends ServerTest {

    private HttpResponse<byte[]> get(String method, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/schema/movie.json"))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theSchemaIsServedWithoutAKeyAsTheRepositoryHasIt() throws Exception {
        HttpResponse<byte[]> r = get("GET", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/schema+json");
        assertThat(r.headers().firstValue("cache-control").orElse("")).contains("max-age=");
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        byte[] kept;
        try (InputStream in = SchemaApiTest.class.getResourceAsStream("/dev/moviola/schema/movie.json")) {
            kept = in.readAllBytes();
        }
        assertThat(r.body()).isEqualTo(kept);
        JsonNode schema = JSON.readTree(r.body());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo("https://moviola.dev/schema/movie.json");
    }

    @Test
    void aClientWithOnlyTheUrlChecksMoviesWithIt() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(get("GET", null).body()));
        assertThat(schema.validate(JSON.readTree(Files.readString(Path.of("examples", "hello.json"))))).isEmpty();
        assertThat(schema.validate(JSON.readTree("{\"scenes\": [{\"elements\": [{\"type\": \"image\", \"src\": \"a.png\","
                + " \"resize\": \"stretch\"}]}]}")))
                .extracting(e -> e.getInstanceLocation().toString()).contains("/scenes/0/elements/0/resize");
    }

    @Test
    void anEditorThatHasItGetsNotModified() throws Exception {
        HttpResponse<byte[]> first = get("GET", null);
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        HttpResponse<byte[]> again = get("GET", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("etag")).hasValue(etag);
        assertThat(get("GET", "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void headTellsTheLengthWithoutTheBody() throws Exception {
        HttpResponse<byte[]> r = get("HEAD", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/schema+json");
        assertThat(r.headers().firstValue("content-length").map(Long::parseLong))
                .hasValue((long) get("GET", null).body().length);
        assertThat(r.body()).isEmpty();
    }
}
