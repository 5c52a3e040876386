package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft202012;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} describes the server as it is: the same (method, path) pairs under {@code /v1} and
 * {@code /v2} as Javalin has registered, a sound OpenAPI 3.1 document (the OpenAPI Initiative's schema of 3.1
 * documents; every {@code $ref} resolves), and response schemas that the server's real answers satisfy.
 */
class OpenApiTest extends ServerTest {
    private static final String DOC_URI = "https://moviola.dev/openapi.json";
    private static final String OAS_SCHEMA = "/dev/moviola/openapi/oas-3.1-schema.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The movie format's JSON Schema that GET /schema/movie.json serves, or null while this build has none. */
    private static String movieSchema() throws IOException {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/dev/moviola/schema/movie.json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode served() throws Exception {
        HttpResponse<String> r = call("GET", "/openapi.json", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(r.body()).isEqualTo(resource(OpenApi.RESOURCE)); // served as kept in the repository
        return JSON.readTree(r.body());
    }

    @Test
    void everyRouteUnderV1AndV2IsDescribedAndNothingElse() throws Exception {
        Set<String> registered = new TreeSet<>();
        server.apiServer().javalin().unsafe.internalRouter.allHttpHandlers().forEach(e -> {
            String path = e.endpoint.path.replaceAll("<([^>]+)>", "{$1}");
            if (e.endpoint.method.isHttpMethod() && (path.startsWith("/v1/") || path.startsWith("/v2/"))) {
                registered.add(e.endpoint.method.name().toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        });
        Set<String> described = new TreeSet<>();
        served().path("paths").fields().forEachRemaining(p -> {
            if (p.getKey().startsWith("/v1/") || p.getKey().startsWith("/v2/")) {
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        described.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                    }
                });
            }
        });
        assertThat(registered).contains("POST /v1/validate", "GET /v1/files/{key}", "GET /v2/movies");
        assertThat(described).isEqualTo(registered);
    }

    @Test
    void theDocumentIsSoundOpenApi31() throws Exception {
        JsonNode doc = served();
        assertThat(doc.path("openapi").asText()).matches("3\\.1\\.\\d+");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        JsonNode oas = JSON.readTree(resource(OAS_SCHEMA));
        List<Error> errors = registry.getSchema(SchemaLocation.of(oas.path("$id").asText()), oas).validate(doc);
        assertThat(errors).as("the OpenAPI 3.1 schema's verdict").isEmpty();

        // Every $ref resolves: in the document, or the movie's JSON Schema that the server serves at /schema/movie.json.
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).contains("/schema/movie.json");
        for (String ref : refs) {
            if (ref.equals("/schema/movie.json")) {
                continue; // another route of this server (contract: GET /schema/movie.json); see below
            }
            assertThat(ref).as("a $ref into this document").startsWith("#/");
            assertThat(doc.at(JsonPointer.compile(ref.substring(1))).isMissingNode()).as(ref + " resolves").isFalse();
        }
        String movieSchema = movieSchema();
        if (movieSchema != null) { // kept in the repository by the JSON Schema's own change
            assertThat(JSON.readTree(movieSchema).path("$id").asText()).isEqualTo("https://moviola.dev/schema/movie.json");
        }

        // Path parameters are declared where their templates are, and operation ids are unique.
        Set<String> operationIds = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            Set<String> declared = new TreeSet<>();
            p.getValue().path("parameters").forEach(x -> declared.add(x.path("in").asText() + ":" + x.path("name").asText()));
            p.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                assertThat(operationIds.add(op.getValue().path("operationId").asText())).as(op.getValue().path("operationId").asText()).isTrue();
                Set<String> all = new TreeSet<>(declared);
                op.getValue().path("parameters").forEach(x -> all.add(x.path("in").asText() + ":" + x.path("name").asText()));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
                while (m.find()) {
                    assertThat(all).as(op.getKey() + " " + p.getKey()).contains("path:" + m.group(1));
                }
            });
        });
        // The key's header as the server reads it.
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("x-api-key");
        assertThat(doc.at("/components/securitySchemes/apiKey/in").asText()).isEqualTo("header");
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(x -> collectRefs(x, out));
        }
    }

    @Test
    void realAnswersMatchTheirSchemas() throws Exception {
        JsonNode doc = served();
        // The document as a schema resource (its response schemas point into it): its own keys annotate nothing.
        Dialect openApi = Dialect.builder(Draft202012.getInstance()).keywords(List.of("openapi", "info", "servers", "security",
                "tags", "paths", "components").stream().map(NonValidationKeyword::new).toList()).build();
        Map<String, String> resources = new java.util.HashMap<>(Map.of(DOC_URI, doc.toString()));
        String movieSchema = movieSchema();
        if (movieSchema != null) { // request bodies $ref it: /schema/movie.json, beside this document
            resources.put(URI.create(DOC_URI).resolve("/schema/movie.json").toString(), movieSchema);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(openApi, b -> b.schemas(resources));
        if (movieSchema != null) { // the body a submission takes is the body the document describes
            Schema body = registry.getSchema(SchemaLocation.of(DOC_URI
                    + "#/paths/~1v1~1render~1jobs/post/requestBody/content/application~1json/schema"));
            assertThat(body.validate(JSON.readTree("{\"movie\": " + twoColours("#ff0000", "#0000ff")
                    + ", \"renderOptions\": {\"qualityPreset\": \"fast\"}}"))).isEmpty();
            assertThat(body.validate(JSON.readTree("{\"movie\": {\"scenes\": 3}}"))).isNotEmpty();
            Schema validateBody = registry.getSchema(SchemaLocation.of(DOC_URI
                    + "#/paths/~1v1~1validate/post/requestBody/content/application~1json/schema"));
            assertThat(validateBody.validate(JSON.readTree(twoColours("#ff0000", "#0000ff")))).isEmpty();
        }

        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#ff0000", "#0000ff") + "}", 202)
                .path("jobId").asText();
        assertMatches(registry, "/v1/render/jobs", "post", "202", ok("POST", "/v1/render/jobs",
                "{\"movie\": " + twoColours("#00ff00", "#0000ff") + "}", 202));
        JsonNode done = awaitJob(jobId);
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertMatches(registry, "/v1/jobs/{jobId}", "get", "200", ok("GET", "/v1/jobs/" + jobId, null, 200));
        assertMatches(registry, "/v1/jobs", "get", "200", ok("GET", "/v1/jobs?limit=1", null, 200));
        assertMatches(registry, "/v1/jobs/{jobId}/cancel", "post", "200", ok("POST", "/v1/jobs/" + jobId + "/cancel", null, 200));
        assertMatches(registry, "/v1/validate", "post", "200", ok("POST", "/v1/validate",
                "{\"movie\": " + twoColours("#ff0000", "#0000ff") + ", \"colour\": 1}", 200));
        assertMatches(registry, "/v1/validate", "post", "200", ok("POST", "/v1/validate", "{\"scenes\": 3}", 200));

        // Errors, in both shapes.
        assertMatches(registry, "/v1/jobs/{jobId}", "get", "401", JSON.readTree(call("GET", "/v1/jobs/" + jobId, null, null).body()));
        assertMatches(registry, "/v1/jobs/{jobId}", "get", "404", JSON.readTree(call("GET", "/v1/jobs/job_0000000000000000", null, KEY).body()));
        HttpResponse<String> invalid = call("POST", "/v1/render/jobs", "{\"movie\": {\"scenes\": \"none\"}}", KEY);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertMatches(registry, "/v1/render/jobs", "post", "400", JSON.readTree(invalid.body()));
        assertMatches(registry, "/v2/movies", "get", "404", JSON.readTree(call("GET", "/v2/movies?project=nothing", null, KEY).body()));

        // The JSON2Video API and the routes without a key.
        String project = ok("POST", "/v2/movies", twoColours("#ffffff", "#000000"), 200).path("project").asText();
        assertMatches(registry, "/v2/movies", "get", "200", ok("GET", "/v2/movies?project=" + project, null, 200));
        assertMatches(registry, "/v2/movies", "get", "200", ok("GET", "/v2/movies", null, 200));
        assertMatches(registry, "/healthz", "get", "200", JSON.readTree(call("GET", "/healthz", null, null).body()));
        assertMatches(registry, "/version", "get", "200", JSON.readTree(call("GET", "/version", null, null).body()));

        // The event stream and the file route answer with the statuses and types they describe.
        HttpResponse<String> events = call("GET", "/v1/jobs/" + jobId + "/events", null, KEY);
        assertThat(events.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(doc.at("/paths/~1v1~1jobs~1{jobId}~1events/get/responses/200/content/text~1event-stream").isMissingNode()).isFalse();
        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(done.path("outputUrl").asText()))
                .header("Range", "bytes=0-9").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-type")).hasValue("video/mp4");
        assertThat(doc.at("/paths/~1v1~1files~1{key}/get/responses/206/content/video~1mp4").isMissingNode()).isFalse();
        assertMatches(registry, "/v1/jobs/{jobId}", "delete", "200", ok("DELETE", "/v1/jobs/" + jobId, null, 200));
    }

    /** The answer satisfies the JSON schema of that response in the document (following a response $ref). */
    private static void assertMatches(SchemaRegistry registry, String path, String method, String status, JsonNode answer) {
        JsonNode doc = registry.getSchema(SchemaLocation.of(DOC_URI)).getSchemaNode();
        String pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + status;
        JsonNode response = doc.at(pointer);
        assertThat(response.isMissingNode()).as(method + " " + path + " documents " + status).isFalse();
        if (response.has("$ref")) {
            pointer = response.path("$ref").asText().substring(1);
            response = doc.at(pointer);
        }
        assertThat(response.at("/content/application~1json/schema").isMissingNode()).as(pointer + " has a JSON schema").isFalse();
        Schema schema = registry.getSchema(SchemaLocation.of(DOC_URI + "#" + pointer + "/content/application~1json/schema"));
        List<Error> errors = schema.validate(answer);
        assertThat(errors).as(method + " " + path + " " + status + ": " + answer).isEmpty();
    }
}
