package dev.moviola.asset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import dev.moviola.metrics.Meters;
import dev.moviola.net.Access;
import dev.moviola.net.Refused;
import dev.moviola.net.SafeHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a source ({@code https://…}, {@code file:…}, an absolute path or a path relative to the movie file)
 * into a local file. Downloads go through the element cache (docs/format.md#caching): a URL fetched before is reused —
 * revalidated with {@code If-None-Match}/{@code If-Modified-Since} when the server gave an ETag or a
 * Last-Modified date, taken as it is when it gave neither — unless the element says {@code cache: false}.
 * Concurrent requests for one URL share one download. Downloads keep to size and time limits, go through the
 * one {@link SafeHttp} client (in the server: public addresses only, docs/security.md#addresses-the-server-connects-to), and are refused when the server
 * sends a web page or a playlist. In the server, local files are read only under the allowed directories.
 */
public final class Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    static final String NAMESPACE = "download";

    private final Path baseDir;
    private final Path downloadDir;
    private final long maxBytes;
    /** Bytes this render's URL sources may add up to (cached ones too: the same movie passes or fails alike). */
    private final long maxTotalBytes;
    /** What they add up to so far; downloads run in parallel. */
    private final java.util.concurrent.atomic.AtomicLong totalBytes = new java.util.concurrent.atomic.AtomicLong();
    /** The URLs counted in it, each once however often it is asked for. */
    private final java.util.Set<String> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private final CacheStore cache;
    private final Access access;
    /** The shared client, asked for on the first download (local-only renders never make one). */
    private final Supplier<SafeHttp> http;

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
     * @param access      which local files may be read (the addresses are the client's business)
     * @param http        the client downloads go through (with the address policy of {@code access})
     */
    public Fetcher(Path baseDir, Path downloadDir, long maxBytes, Duration timeout, CacheStore cache, Access access,
            Supplier<SafeHttp> http) {
        this(baseDir, downloadDir, maxBytes, Long.MAX_VALUE, timeout, cache, access, http);
    }

    /** @param maxTotalBytes most bytes one render's URL sources may add up to */
    public Fetcher(Path baseDir, Path downloadDir, long maxBytes, long maxTotalBytes, Duration timeout,
            CacheStore cache, Access access, Supplier<SafeHttp> http) {
        this.baseDir = baseDir.toAbsolutePath();
        this.downloadDir = downloadDir;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.timeout = timeout;
        this.cache = cache;
        this.access = access;
        this.http = http;
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
        String refusal = access.refusal(s, file);
        if (refusal != null) {
            throw new AssetException(elementPath, src, refusal);
        }
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

    /**
     * Downloads a URL into {@code target}, not through the cache: a provider's output, which the element cache keeps
     * as the generated source it is. The same address checks, size limit and timeout as any source's download.
     */
    public void downloadTo(String url, Path target, String elementPath) throws AssetException, InterruptedException {
        if (!isUrl(url.trim())) {
            throw new AssetException(elementPath, url, "is not an http:// or https:// URL");
        }
        try {
            get(new URI(url.trim()), url, elementPath, Map.of(), target);
        } catch (URISyntaxException e) {
            throw new AssetException(elementPath, url, "not a valid URL: " + e.getReason());
        }
    }

    private Fetched download(String url, String elementPath, boolean fresh) throws AssetException, InterruptedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AssetException(elementPath, url, "not a valid URL: " + e.getReason());
        }
        permitted(uri, url, elementPath);
        String key = sha256(url);
        String name = "source" + extension(uri);
        Path into = downloadDir.resolve(key);
        CacheStore.Obtained got = cache.obtain(NAMESPACE, key, !fresh, into, cached -> {
            Optional<Download> d = cached.isPresent()
                    ? revalidate(uri, url, elementPath, cached.get(), into.resolve(name))
                    : Optional.of(get(uri, url, elementPath, Map.of(), into.resolve(name)));
            return d.map(x -> Fresh.of(Map.of(name, x.file), x.meta(url)));
        });
        Path file = got.entry().file(name);
        try {
            count(Files.size(file), 0, url, elementPath);
        } catch (IOException e) {
            throw new AssetException(elementPath, url, "download failed: " + describe(e), e);
        }
        return new Fetched(file, got.hit(), got.entry().sha256().get(name));
    }

    /**
     * Refuses a URL the address policy refuses before the cache is asked for it: a copy fetched earlier under an
     * open policy (the CLI, or a wider allow-list) must not reach a server that may not fetch it itself.
     */
    private void permitted(URI uri, String url, String elementPath) throws AssetException {
        try {
            http.get().permit(uri);
        } catch (Refused e) {
            throw new AssetException(elementPath, url, "refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AssetException(elementPath, url, "download failed: " + describe(e), e);
        }
    }

    /** Adds a source's bytes to the render's total ({@code pending}: a download's bytes so far, only checked). */
    private void count(long bytes, long pending, String url, String elementPath) throws AssetException {
        long total = pending > 0 ? totalBytes.get() + pending
                : counted.add(url) ? totalBytes.addAndGet(bytes) : totalBytes.get();
        if (total > maxTotalBytes) {
            throw new AssetException(elementPath, url, String.format(Locale.ROOT, "with this source the movie's "
                    + "downloads add up to more than the %s a movie may download (download-max-total-bytes); use fewer "
                    + "or smaller sources", inUnits(maxTotalBytes)));
        }
    }

    private static String inUnits(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes % (1L << 10) == 0 ? (bytes >> 10) + " KiB"
                : bytes + " bytes";
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
            if (e.reason().startsWith("download failed: HTTP") || e.reason().startsWith("refused")) {
                throw e;
            }
            LOG.warn("{}: could not revalidate {} ({}); using the cached copy", elementPath, url, e.reason());
            return Optional.empty();
        }
    }

    /** Downloads into {@code target}; null when the server answers 304 Not Modified to the conditions. */
    private Download get(URI uri, String url, String elementPath, Map<String, String> conditions, Path target)
            throws AssetException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Files.createDirectories(target.getParent());
            Path part = Files.createTempFile(target.getParent(), "download", ".part");
            try (SafeHttp.Response response = http.get().get(uri, conditions, timeout)) {
                if (response.status() == 304 && !conditions.isEmpty()) {
                    return null;
                }
                if (response.status() / 100 != 2) {
                    throw new AssetException(elementPath, url, "download failed: HTTP " + response.status());
                }
                String type = response.header("content-type").orElse("").toLowerCase(Locale.ROOT);
                if (NOT_MEDIA.stream().anyMatch(type::startsWith)) {
                    throw new AssetException(elementPath, url, "the server sent " + type.replaceAll(";.*", "")
                            + ", not a media file (a web page or a playlist is not a source)");
                }
                long declared = response.header("content-length").map(Fetcher::parseLong).orElse(-1L);
                if (declared > maxBytes) {
                    throw new AssetException(elementPath, url, "download is " + declared
                            + " bytes, more than the limit of " + maxBytes);
                }
                copyLimited(response.body(), part, url, elementPath, deadline);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Download(target, response.header("etag").orElse(null),
                        response.header("last-modified").orElse(null));
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (Refused e) {
            throw new AssetException(elementPath, url, "refused: " + e.getMessage(), e);
        } catch (java.io.InterruptedIOException e) { // timeouts (socket, connect) and interrupts
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("download stopped");
            }
            throw new AssetException(elementPath, url, "download took longer than " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new AssetException(elementPath, url, "download failed: " + describe(e), e);
        }
    }

    /** Content types that are never a source: an error page, or a playlist that would point ffmpeg elsewhere. */
    private static final java.util.List<String> NOT_MEDIA = java.util.List.of("text/html", "application/xhtml",
            "application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl", "audio/x-mpegurl",
            "application/dash+xml");

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void copyLimited(InputStream in, Path part, String url, String elementPath, long deadline)
            throws IOException, AssetException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        Meters meters = Meters.current();
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                meters.fetched(n); // what came over the network, whether or not the download completes
                if (total > maxBytes) {
                    throw new AssetException(elementPath, url, "download is larger than the limit of " + maxBytes + " bytes");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssetException(elementPath, url, "download took longer than " + timeout.toSeconds() + " s");
                }
                count(0, total, url, elementPath);
                if (Thread.currentThread().isInterrupted()) { // the render stopped: end at this chunk
                    throw new java.io.InterruptedIOException("download stopped");
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
