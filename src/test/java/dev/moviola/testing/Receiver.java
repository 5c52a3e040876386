package dev.moviola.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback and webhook receiver on loopback: records every POST and answers 200, or an error status for the
 * first N posts to a path ({@link #failFirst}), or always ({@link #failAlways}).
 */
public final class Receiver implements AutoCloseable {
    /** A POST as received. */
    public record Post(String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failFirst = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int n = seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            posts.add(new Post(path, Map.copyOf(headers), body));
            int status = n <= failFirst.getOrDefault(path, 0) ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The first {@code n} posts to {@code path} get HTTP 500. */
    public Receiver failFirst(String path, int n) {
        failFirst.put(path, n);
        return this;
    }

    /** Every post to {@code path} gets HTTP 500. */
    public Receiver failAlways(String path) {
        return failFirst(path, Integer.MAX_VALUE);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
