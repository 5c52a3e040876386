package dev.moviola.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web playground (docs/service.md#playground): the page at {@code /}, its script, style and editor bundle under
 * {@code /playground/}, and the shipped examples with their assets under {@code /playground/examples/}. Everything
 * comes from the class path (the jar), so a server needs no other files; nothing needs a key, as the page holds
 * no data: the browser sends the user's key to the /v1 routes itself.
 */
final class PlaygroundApi {
    private static final String ROOT = "dev/moviola/playground/";
    private static final String EXAMPLES = ROOT + "examples/";
    /** The page's own files; no other name is served from the playground's folder. */
    private static final List<String> FILES = List.of("app.js", "style.css", "editor.bundle.js", "THIRD-PARTY-LICENSES.txt");

    /** The examples' names ({@code hello.json}), read once: the jar does not change while the server runs. */
    private final List<String> examples = listExamples();

    void routes(RoutesConfig r) {
        r.get("/", ctx -> serve(ctx, ROOT + "index.html"));
        r.get("/playground/examples", this::examples);
        r.get("/playground/examples/<file>", ctx -> {
            String file = ctx.pathParam("file");
            if (!safe(file)) {
                throw ApiError.notFound("example file " + file);
            }
            serve(ctx, EXAMPLES + file);
        });
        r.get("/playground/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (!FILES.contains(file)) {
                throw ApiError.notFound("playground file " + file);
            }
            serve(ctx, ROOT + file);
        });
    }

    /** {@code [{"name": "hello.json", "comment": "..."}]}: each example with the comment it starts with. */
    private void examples(Context ctx) throws Exception {
        ArrayNode list = ApiServer.JSON.createArrayNode();
        for (String name : examples) {
            try (InputStream in = resource(EXAMPLES + name)) {
                JsonNode doc = ApiServer.JSON.readTree(in);
                list.addObject().put("name", name).put("comment", doc.path("comment").asText(""));
            }
        }
        ApiServer.json(ctx, 200, list);
    }

    /** Relative paths down from the folder: no {@code ..}, no absolute path, no hidden file. */
    private static boolean safe(String file) {
        for (String part : file.split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".") || part.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    private static void serve(Context ctx, String name) throws Exception {
        InputStream in = resource(name);
        if (in == null) {
            throw ApiError.notFound("file " + name.substring(ROOT.length()));
        }
        try (in) {
            // The page changes with the server's version; a reload must not keep an old script.
            ctx.status(200).contentType(contentType(name)).header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff").result(in.readAllBytes());
        }
    }

    private static InputStream resource(String name) {
        return PlaygroundApi.class.getClassLoader().getResourceAsStream(name);
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String ext = n.substring(n.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "mp3" -> "audio/mpeg";
            case "mp4" -> "video/mp4";
            default -> "application/octet-stream";
        };
    }

    /** The {@code *.json} files of the examples folder, in a jar or (in a checkout's build) in a directory. */
    private static List<String> listExamples() {
        URL url = PlaygroundApi.class.getClassLoader().getResource(EXAMPLES);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return jsonFiles(jar.getPath("/" + EXAMPLES));
                } catch (java.nio.file.FileSystemAlreadyExistsException e) { // opened by other code: not ours to close
                    return jsonFiles(FileSystems.getFileSystem(uri).getPath("/" + EXAMPLES));
                }
            }
            return jsonFiles(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the playground's examples", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString().replaceAll("/$", ""))
                    .filter(n -> n.endsWith(".json")).toList());
            names.sort(null);
            return names;
        }
    }
}
