import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The tour's stand-in for the rest of the world, so that it needs nothing but a JDK: on 127.0.0.1 and a free port,
 * it serves the files of a directory (the movie's sources, as a web server or a bucket would) and takes POSTs (a
 * client's callback receiver and webhook endpoint), appending to a file, for each one, a line with the path, the
 * x-moviola-event and x-moviola-signature headers, and then a line with the body.
 *
 * <p>Run with the JDK's single-file launcher: {@code java docs/tour/TourServer.java DIR RECEIVED_FILE}. It prints
 * its port on the first line of stdout and runs until it is stopped.
 */
public final class TourServer {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path received = Path.of(args[1]);
        Files.writeString(received, "");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    receive(exchange, received);
                } else {
                    serve(exchange, root);
                }
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }

    private static synchronized void receive(HttpExchange exchange, Path received) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String line = exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("x-moviola-event")
                + " " + exchange.getRequestHeaders().getFirst("x-moviola-signature") + "\n" + body.replace("\n", " ") + "\n";
        Files.writeString(received, line, StandardOpenOption.APPEND);
        exchange.sendResponseHeaders(200, -1);
    }

    private static void serve(HttpExchange exchange, Path root) throws IOException {
        Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String name = file.getFileName().toString();
        String type = name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".mp4") ? "video/mp4"
                : name.endsWith(".mp3") ? "audio/mpeg" : "application/octet-stream";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }
}
