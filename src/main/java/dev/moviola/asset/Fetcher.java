package dev.moviola.asset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a source ({@code https://…}, {@code file:…}, an absolute path or a path relative to the movie file)
 * into a local file. Downloads go through the element cache (SPEC §4): a URL fetched before is reused —
 * revalidated with {@code If-None-Match}/{@code If-Modified-Since} when the server gave an ETag or a
 * Last-Modified date, taken as it is when it gave neither — unless the element says {@code cache: false}.
 * Concurrent requests for one URL share one download. Downloads keep to size and time limits.
 */
public final class Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    static final String NAMESPACE = "download";

    private final Path baseDir;
    private final Path downloadDir;
    private final long maxBytes;
    private final Duration timeout;
    private final CacheStore cache;
    /** Made on first download: creating a client costs ~0.15 s (TLS set-up), which local-only renders skip. */
    private HttpClient http;

    /**
     * A source made local, and whether the cache supplied it (a local file always counts as supplied).
     *
     * @param sha256 the file's SHA-256 when already known (a download, hashed by the cache), else null
     */
    public record Fetched(Path file, boolean reused, String sha256) {
    }

    /**
     * @param baseDir     relative paths are resolved against it (the movie file's directory)
     * @param downloadDir this render's own directory for downloaded files
     * @param cache       the store downloads are kept in between renders
     */
    public Fetcher(Path baseDir, Path downloadDir, long maxBytes, Duration timeout, CacheStore cache) {
        this.baseDir = baseDir.toAbsolutePath();
        this.downloadDir = downloadDir;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.cache = cache;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(Math.min(30, Math.max(1, timeout.toSeconds()))))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    /** True for sources fetched over the network. */
    public static boolean isUrl(String src) {
        String s = src.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /**
     * @param elementPath the JSON path of the key holding the source, for the error message
     * @param fresh       download again even when the cache has it ({@code cache: false})
     */
    public Fetched fetch(String src, String elementPath, boolean fresh) throws AssetException, InterruptedException {
        String s = src.trim();
        if (isUrl(s)) {
            return download(s, elementPath, fresh);
        }
        Path file = localPath(s, elementPath);
        if (!Files.isRegularFile(file)) {
            throw new AssetException(elementPath, src, "file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new AssetException(elementPath, src, "file is not readable: " + file);
        }
        return new Fetched(file, true, null);
    }

    private Path localPath(String s, String elementPath) throws AssetException {
        if (s.toLowerCase(Locale.ROOT).startsWith("file:")) {
            try {
                return Path.of(new URI(s));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new AssetException(elementPath, s, "not a valid file: URL; write it as file:///absolute/path");
            }
        }
        if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new AssetException(elementPath, s, "only http://, https:// and file paths are supported");
        }
        return baseDir.resolve(s).normalize();
    }

    private Fetched download(String url, String elementPath, boolean fresh) throws AssetException, InterruptedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AssetException(elementPath, url, "not a valid URL: " + e.getReason());
        }
        String key = sha256(url);
        String name = "source" + extension(uri);
        Path into = downloadDir.resolve(key);
        CacheStore.Obtained got = cache.obtain(NAMESPACE, key, !fresh, into, cached -> {
            Optional<Download> d = cached.isPresent()
                    ? revalidate(uri, url, elementPath, cached.get(), into.resolve(name))
                    : Optional.of(get(uri, url, elementPath, Map.of(), into.resolve(name)));
            return d.map(x -> Fresh.of(Map.of(name, x.file), x.meta(url)));
        });
        return new Fetched(got.entry().file(name), got.hit(), got.entry().sha256().get(name));
    }

    /** A finished download and the validators its server gave. */
    private record Download(Path file, String etag, String lastModified) {
        ObjectNode meta(String url) {
            ObjectNode m = JsonNodeFactory.instance.objectNode().put("url", url);
            m.put("etag", etag);
            m.put("lastModified", lastModified);
            return m;
        }
    }

    /** Empty when the cached copy is still good; a new download when the server has other bytes. */
    private Optional<Download> revalidate(URI uri, String url, String elementPath, CacheEntry cached, Path target)
            throws AssetException, InterruptedException {
        Map<String, String> conditions = new java.util.LinkedHashMap<>();
        if (cached.meta().hasNonNull("etag")) {
            conditions.put("If-None-Match", cached.meta().get("etag").asText());
        }
        if (cached.meta().hasNonNull("lastModified")) {
            conditions.put("If-Modified-Since", cached.meta().get("lastModified").asText());
        }
        if (conditions.isEmpty()) {
            return Optional.empty(); // nothing to ask the server with: the copy stands until cache:false
        }
        try {
            Download d = get(uri, url, elementPath, conditions, target);
            return d == null ? Optional.empty() : Optional.of(d);
        } catch (AssetException e) {
            if (e.reason().startsWith("download failed: HTTP")) {
                throw e;
            }
            LOG.warn("{}: could not revalidate {} ({}); using the cached copy", elementPath, url, e.reason());
            return Optional.empty();
        }
    }

    /** Downloads into {@code target}; null when the server answers 304 Not Modified to the conditions. */
    private Download get(URI uri, String url, String elementPath, Map<String, String> conditions, Path target)
            throws AssetException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "Moviola");
        conditions.forEach(request::header);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), "download", ".part");
            try {
                HttpResponse<InputStream> response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    if (response.statusCode() == 304 && !conditions.isEmpty()) {
                        return null;
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new AssetException(elementPath, url, "download failed: HTTP " + response.statusCode());
                    }
                    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
                    if (declared > maxBytes) {
                        throw new AssetException(elementPath, url, "download is " + declared
                                + " bytes, more than the limit of " + maxBytes);
                    }
                    copyLimited(in, part, url, elementPath, deadline);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Download(target, response.headers().firstValue("etag").orElse(null),
                        response.headers().firstValue("last-modified").orElse(null));
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssetException(elementPath, url, "download took longer than " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new AssetException(elementPath, url, "download failed: " + describe(e));
        }
    }

    private void copyLimited(InputStream in, Path part, String url, String elementPath, long deadline)
            throws IOException, AssetException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new AssetException(elementPath, url, "download is larger than the limit of " + maxBytes + " bytes");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssetException(elementPath, url, "download took longer than " + timeout.toSeconds() + " s");
                }
                out.write(buf, 0, n);
            }
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT) + (m == null ? "" : ": " + m);
    }

    private static String extension(URI uri) {
        String p = uri.getPath() == null ? "" : uri.getPath();
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > slash && p.length() - dot <= 6) {
            return p.substring(dot).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        }
        return "";
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
