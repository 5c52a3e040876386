package dev.moviola.asset;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Turns a source ({@code https://…}, {@code file:…}, an absolute path or a path relative to the movie file)
 * into a local file. URLs are downloaded once per run (concurrent requests for the same URL share one
 * download) into the download directory, within size and time limits.
 */
public final class Fetcher {
    private final Path baseDir;
    private final Path downloadDir;
    private final long maxBytes;
    private final Duration timeout;
    private final HttpClient http;
    /** One download per URL per run, even when several scenes ask at once. */
    private final Map<String, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();

    /**
     * @param baseDir     relative paths are resolved against it (the movie file's directory)
     * @param downloadDir where downloads are kept for this run
     */
    public Fetcher(Path baseDir, Path downloadDir, long maxBytes, Duration timeout) {
        this.baseDir = baseDir.toAbsolutePath();
        this.downloadDir = downloadDir;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.min(30, Math.max(1, timeout.toSeconds()))))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** True for sources fetched over the network. */
    public static boolean isUrl(String src) {
        String s = src.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /**
     * @param elementPath the JSON path of the key holding the source, for the error message
     */
    public Path fetch(String src, String elementPath) throws AssetException, InterruptedException {
        String s = src.trim();
        if (isUrl(s)) {
            return download(s, elementPath);
        }
        Path file = localPath(s, elementPath);
        if (!Files.isRegularFile(file)) {
            throw new AssetException(elementPath, src, "file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new AssetException(elementPath, src, "file is not readable: " + file);
        }
        return file;
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

    private Path download(String url, String elementPath) throws AssetException, InterruptedException {
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> existing = downloads.putIfAbsent(url, mine);
        if (existing == null) {
            try {
                mine.complete(doDownload(url, elementPath));
            } catch (AssetException | RuntimeException e) {
                mine.completeExceptionally(e);
            } catch (InterruptedException e) {
                mine.completeExceptionally(e);
                downloads.remove(url, mine);
                throw e;
            }
        }
        try {
            return (existing == null ? mine : existing).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssetException a) {
                // Same URL, other element: name the element that asked this time.
                throw a.elementPath().equals(elementPath) ? a : new AssetException(elementPath, url, a.reason());
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Path doDownload(String url, String elementPath) throws AssetException, InterruptedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AssetException(elementPath, url, "not a valid URL: " + e.getReason());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "Moviola").build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Files.createDirectories(downloadDir);
            Path target = downloadDir.resolve(sha256(url) + extension(uri));
            Path part = Files.createTempFile(downloadDir, "download", ".part");
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
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
                return target;
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

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
