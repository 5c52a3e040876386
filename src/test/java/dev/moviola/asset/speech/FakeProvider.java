package dev.moviola.asset.speech;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A provider's API on loopback for tests: it records every request (method, path, headers, body, when) and answers
 * from a script, one reply per request, the last one repeated; a reply may be to never answer.
 */
final class FakeProvider implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, String> headers, byte[] body, long nanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers, body; or none at all (the server keeps the request waiting). */
    record Reply(int status, Map<String, String> headers, byte[] body, boolean silent) {
        static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, false);
        }

        static Reply json(int status, String json) {
            return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply hang() {
            return new Reply(0, Map.of(), new byte[0], true);
        }

        Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, h, body, silent);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeProvider(Reply... replies) {
        script.addAll(List.of(replies));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        byte[] body = ex.getRequestBody().readAllBytes();
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                headers, body, System.nanoTime()));
        Reply r;
        synchronized (script) {
            r = script.size() > 1 ? script.poll() : script.peek();
        }
        try {
            if (r == null || r.silent()) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        } catch (IOException e) {
            // the client gave up
        } finally {
            ex.close();
        }
    }

    /** {@code http://127.0.0.1:port} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** The parts of a multipart/form-data body, by name. */
    record Part(String name, String fileName, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Map<String, Part> multipart(Request r) {
        String ct = r.header("Content-Type");
        String boundary = ct.replaceAll("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
        String all = new String(r.body(), StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String chunk : all.split("--" + java.util.regex.Pattern.quote(boundary))) {
            if (chunk.isEmpty() || chunk.startsWith("--")) {
                continue;
            }
            String c = chunk.startsWith("\r\n") ? chunk.substring(2) : chunk;
            int end = c.indexOf("\r\n\r\n");
            String head = c.substring(0, end);
            String content = c.substring(end + 4, c.length() - 2);
            String disposition = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-disposition"))
                    .findFirst().orElse("");
            String type = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
            String name = disposition.replaceAll(".*; name=\"([^\"]*)\".*", "$1");
            String file = disposition.contains("filename=") ? disposition.replaceAll(".*filename=\"([^\"]*)\".*", "$1")
                    : null;
            parts.put(name, new Part(name, file, type, content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }
}
