package dev.moviola.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code GET /schema/movie.json}: the JSON Schema of the movie format, so that an editor given the server's URL in a
 * document's {@code "$schema"} (or in its settings) completes and checks movies (docs/format.md#editor-support-the-json-schema).
 * No key: the schema is public, like the format's documentation. It is the class path resource other code reads
 * too ({@link #RESOURCE}), loaded once; its ETag is its hash, so editors that poll it get {@code 304}s.
 */
final class SchemaApi {
    /** Where the schema is, on the class path. */
    static final String RESOURCE = "/dev/moviola/schema/movie.json";
    static final String CONTENT_TYPE = "application/schema+json";

    private final byte[] schema;
    private final String etag;

    SchemaApi() {
        try (InputStream in = SchemaApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            schema = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(schema);
            etag = "\"" + HexFormat.of().formatHex(Arrays.copyOf(hash, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void routes(RoutesConfig r) {
        r.get("/schema/movie.json", ctx -> answer(ctx, true));
        r.head("/schema/movie.json", ctx -> answer(ctx, false));
    }

    private void answer(Context ctx, boolean body) {
        // Any page may read it (a web editor on another origin): it is public and carries nothing of the server's.
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("ETag", etag);
        // An hour: a new release's schema reaches editors soon, and revalidating is a 304 by the ETag.
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(CONTENT_TYPE);
        String match = ctx.header("If-None-Match");
        if (match != null && Arrays.stream(match.split(",")).map(String::trim)
                .anyMatch(m -> m.equals(etag) || m.equals("W/" + etag) || m.equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200);
        if (body) {
            ctx.result(schema);
        } else {
            ctx.header("Content-Length", Integer.toString(schema.length));
        }
    }
}
