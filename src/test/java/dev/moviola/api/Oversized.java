package dev.moviola.api;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * A request whose headers declare a body larger than the server takes, of which only the start is sent, over a
 * plain socket: the server must refuse it from the headers (413) without waiting for the rest. (Sending all of it
 * through {@link HttpClient} races the server closing the connection; {@code Expect: 100-continue} hangs on
 * Java 17 when the answer is not 100.)
 */
final class Oversized {
    private Oversized() {
    }

    static HttpResponse<String> post(String base, String path, String key, byte[] start, long declared) throws Exception {
        URI uri = URI.create(base + path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\nConnection: close\r\n"
                    + (key == null ? "" : "x-api-key: " + key + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.flush();
            return parse(socket.getInputStream(), uri);
        }
    }

    /** Reads the status line, the headers and a body of Content-Length bytes. */
    private static HttpResponse<String> parse(InputStream in, URI uri) throws Exception {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim(), List.of(l.substring(colon + 1).trim()));
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        HttpHeaders h = HttpHeaders.of(headers, (a, b) -> true);
        return new HttpResponse<>() {
            public int statusCode() {
                return code;
            }

            public HttpRequest request() {
                return HttpRequest.newBuilder(uri).build();
            }

            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            public HttpHeaders headers() {
                return h;
            }

            public String body() {
                return body;
            }

            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            public URI uri() {
                return uri;
            }

            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static String line(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the server closed the connection without an answer");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
