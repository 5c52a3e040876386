package dev.moviola.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A web server on loopback that serves test files, so tests fetch URLs without touching the internet. */
public final class LocalHttp implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private volatile long delayMillis;
    private volatile boolean etags;
    private volatile boolean lastModified;
    private static final String LAST_MODIFIED = "Tue, 03 Nov 2026 10:00:00 GMT";

    public LocalHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = files.get(path);
            if (path.endsWith(".html")) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            }
            if (redirects.containsKey(path)) {
                exchange.getResponseHeaders().set("Location", redirects.get(path));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            if (path.startsWith("/endless")) {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 10_000; i++) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the client gave up, as it should
                }
                return;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (etags) {
                String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
                exchange.getResponseHeaders().set("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
            }
            if (lastModified) {
                exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
                if (LAST_MODIFIED.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
            }
            bodies.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code file} at {@code /name} and returns its URL. */
    public String serve(String name, Path file) {
        try {
            files.put("/" + name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url(name);
    }

    /** Answers {@code /name} with a 302 to {@code location}; returns its URL. */
    public String redirect(String name, String location) {
        redirects.put("/" + name, location);
        return url(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** Every request this server has had, whatever it asked for. */
    public int requests() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int hits(String name) {
        AtomicInteger n = hits.get("/" + name);
        return n == null ? 0 : n.get();
    }

    /** Requests of {@code name} answered with its bytes (not with 304 Not Modified). */
    public int downloads(String name) {
        AtomicInteger n = bodies.get("/" + name);
        return n == null ? 0 : n.get();
    }

    /** Sends an ETag with each file and answers a matching If-None-Match with 304 Not Modified. */
    public void etags(boolean on) {
        this.etags = on;
    }

    /** Sends a fixed Last-Modified date and answers an If-Modified-Since of that date with 304 Not Modified. */
    public void lastModified(boolean on) {
        this.lastModified = on;
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
