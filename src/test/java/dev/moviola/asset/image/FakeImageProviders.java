package dev.moviola.asset.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * OpenAI's images API, Replicate's predictions API and an OpenAI-compatible image server on loopback, answering as
 * the providers document: a picture is a solid PNG of the colour the prompt names (red, green, blue, yellow, white…);
 * a prompt with "forbidden" is refused (OpenAI: HTTP 400 content policy; Replicate: a failed prediction). A
 * Replicate prediction is "starting" when created and "processing" at its first poll, "succeeded" at the next.
 * A prompt with "slow" stays "processing" until cancelled; one with "elsewhere" gets a {@code urls.get} on another
 * host; OpenAI answers a prompt with "by url" with a URL instead of base64. Requests with a wrong key are answered 401. Given an MP3, it is ElevenLabs' speech API too. Every request is
 * recorded.
 */
public final class FakeImageProviders implements AutoCloseable {
    public static final String OPENAI_KEY = "sk-test-openai-0123456789";
    public static final String REPLICATE_TOKEN = "r8_test_token_0123456789";
    public static final String IMAGE_API_KEY = "local-key-0123456789";
    public static final String ELEVENLABS_KEY = "xi-test-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Color> COLOURS = Map.of("red", Color.RED, "green", Color.GREEN, "blue",
            Color.BLUE, "yellow", Color.YELLOW, "white", Color.WHITE, "magenta", Color.MAGENTA);

    public record Request(String method, String path, Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> predictions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile byte[] speech;

    public FakeImageProviders() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings that point every provider here, with the keys this fake accepts. */
    public Map<String, String> settings() {
        return Map.of("openai-url", url(), "openai-api-key", OPENAI_KEY, "replicate-url", url(),
                "replicate-api-token", REPLICATE_TOKEN, "image-api-url", url() + "/local", "image-api-key", IMAGE_API_KEY);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long count(String method, String pathStart) {
        return requests.stream().filter(r -> r.method.equals(method) && r.path.startsWith(pathStart)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        byte[] raw = ex.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        String path = ex.getRequestURI().getPath();
        Request r = new Request(ex.getRequestMethod(), path, headers, body);
        requests.add(r);
        try {
            if (path.equals("/v1/images/generations") || path.equals("/local/v1/images/generations")) {
                String key = path.startsWith("/local") ? IMAGE_API_KEY : OPENAI_KEY;
                if (!("Bearer " + key).equals(r.header("authorization"))) {
                    json(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
                } else if (body.path("prompt").asText().contains("forbidden")) {
                    json(ex, 400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"Your request was "
                            + "rejected as a result of our safety system.\",\"type\":\"invalid_request_error\"}}");
                } else if (body.path("prompt").asText().contains("by url")) {
                    json(ex, 200, "{\"created\":1700000000,\"data\":[{\"url\":\"" + url() + "/files/openai-"
                            + body.path("prompt").asText().replace(' ', '-') + ".png\"}]}");
                } else {
                    json(ex, 200, "{\"created\":1700000000,\"data\":[{\"b64_json\":\""
                            + Base64.getEncoder().encodeToString(png(body.path("prompt").asText())) + "\"}]}");
                }
            } else if (path.startsWith("/v1/models/") && path.endsWith("/predictions") && r.method.equals("POST")) {
                if (!("Bearer " + REPLICATE_TOKEN).equals(r.header("authorization"))) {
                    json(ex, 401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}");
                    return;
                }
                String id = "pred" + ids.incrementAndGet();
                predictions.put(id, body.path("input").path("prompt").asText());
                polls.put(id, new AtomicInteger());
                json(ex, 201, prediction(id, "starting", null, null).toString());
            } else if (path.startsWith("/v1/predictions/") && path.endsWith("/cancel") && r.method.equals("POST")) {
                String id = path.substring("/v1/predictions/".length(), path.length() - "/cancel".length());
                predictions.computeIfPresent(id, (k, v) -> v + " canceled");
                json(ex, 200, prediction(id, "canceled", null, null).toString());
            } else if (path.startsWith("/v1/predictions/") && r.method.equals("GET")) {
                String id = path.substring("/v1/predictions/".length());
                String prompt = predictions.get(id);
                if (prompt == null || !("Bearer " + REPLICATE_TOKEN).equals(r.header("authorization"))) {
                    json(ex, 404, "{\"detail\":\"Not found.\"}");
                    return;
                }
                int n = polls.get(id).incrementAndGet();
                if (n < 2 || prompt.contains("slow")) {
                    json(ex, 200, prediction(id, "processing", null, null).toString());
                } else if (prompt.contains("forbidden")) {
                    json(ex, 200, prediction(id, "failed", null, "NSFW content detected. Try running it again, "
                            + "or try a different prompt.").toString());
                } else {
                    json(ex, 200, prediction(id, "succeeded", url() + "/files/" + id + ".png", null).toString());
                }
            } else if (path.startsWith("/v1/text-to-speech/") && path.endsWith("/with-timestamps") && speech != null
                    && ELEVENLABS_KEY.equals(r.header("xi-api-key"))) {
                json(ex, 200, elevenLabs(body.path("text").asText()));
            } else if (path.startsWith("/files/")) {
                String id = path.substring("/files/".length()).replace(".png", "");
                byte[] png = png(predictions.getOrDefault(id, id));
                ex.getResponseHeaders().set("Content-Type", "image/png");
                ex.sendResponseHeaders(200, png.length);
                ex.getResponseBody().write(png);
            } else {
                json(ex, 404, "{\"detail\":\"Not found.\"}");
            }
        } finally {
            ex.close();
        }
    }

    /** ElevenLabs' with-timestamps answer: the speech given to {@link #speaking} and a timing for each character. */
    private String elevenLabs(String text) {
        ObjectNode a = JSON.createObjectNode();
        var chars = a.putArray("characters");
        var starts = a.putArray("character_start_times_seconds");
        var ends = a.putArray("character_end_times_seconds");
        double t = 0;
        for (int i = 0; i < text.length(); i++) {
            double len = text.charAt(i) == ' ' ? 0.05 : 0.03;
            chars.add(String.valueOf(text.charAt(i)));
            starts.add(Math.round(t * 1000) / 1000.0);
            ends.add(Math.round((t + len) * 1000) / 1000.0);
            t += len;
        }
        ObjectNode body = JSON.createObjectNode().put("audio_base64", Base64.getEncoder().encodeToString(speech));
        body.set("alignment", a);
        return body.toString();
    }

    /** Answers ElevenLabs' speech API with this MP3 (for every text). */
    public void speaking(byte[] mp3) {
        this.speech = mp3.clone();
    }

    private ObjectNode prediction(String id, String status, String output, String error) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("model", "black-forest-labs/flux-schnell")
                .put("status", status);
        p.putObject("input").put("prompt", predictions.get(id));
        if (output != null) {
            p.putArray("output").add(output);
        } else {
            p.putNull("output");
        }
        p.put("error", error);
        boolean elsewhere = predictions.getOrDefault(id, "").contains("elsewhere");
        p.putObject("urls").put("get", (elsewhere ? "http://192.0.2.1" : url()) + "/v1/predictions/" + id).put("cancel", url() + "/v1/predictions/" + id
                + "/cancel");
        return p;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** A 64×36 PNG of the colour the prompt names (grey when it names none). */
    static byte[] png(String prompt) {
        Color c = COLOURS.entrySet().stream().filter(e -> prompt.toLowerCase(Locale.ROOT).contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(Color.GRAY);
        BufferedImage img = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 64, 36);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
