package dev.moviola.api;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every {@code /v1} and {@code /v2} route, kept in the
 * repository ({@code src/main/resources/dev/moviola/openapi.json}) and served as it is, without a key, so that
 * client generators and API tools read the API from the server itself. OpenApiTest holds it to the routes the
 * server really has and the JSON they really answer.
 */
final class OpenApi {
    static final String RESOURCE = "/dev/moviola/openapi.json";
    private final byte[] document;

    OpenApi() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: the build is broken");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void routes(RoutesConfig r) {
        r.get("/openapi.json", ctx -> ctx.status(200).contentType("application/json").result(document));
    }
}
