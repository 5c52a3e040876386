package dev.moviola.asset.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium page driven over the DevTools protocol with the project's own client ({@link Cdp}), for
 * tests of web pages the server serves: navigate, run script, type, take screenshots, and answer chosen requests
 * from the test itself. Unlike {@link Browser} (which keeps pages away from every address), this browser reaches
 * loopback servers directly, as a user's would.
 */
public final class DevToolsPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL = Duration.ofSeconds(30);

    /** A request the test answers itself: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    /** A request the page made: method, URL and body. */
    public record Request(String method, String url, String body) {
    }

    private final Process process;
    private final Path profile;
    private final Cdp cdp;
    private final String session;
    private final ExecutorService answering = Executors.newSingleThreadExecutor();
    private final List<String> console = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Request, Optional<Answer>> intercept = r -> Optional.empty();

    private DevToolsPage(Process process, Path profile, Cdp cdp, String session) {
        this.process = process;
        this.profile = profile;
        this.cdp = cdp;
        this.session = session;
    }

    /** The browser on the PATH (chromium, chromium-browser, google-chrome), or empty when none is installed. */
    public static Optional<Path> program() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : HtmlGenerator.PROGRAMS) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser with one page of {@code width}×{@code height} CSS pixels. */
    public static DevToolsPage open(Path program, Path workDir, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "chromium-");
        List<String> command = List.of(program.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--mute-audio", "--hide-scrollbars", "--force-color-profile=srgb", "--autoplay-policy=no-user-gesture-required",
                "--window-size=" + width + "," + height, "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            address.completeExceptionally(new IOException("the browser ended before it was ready"));
        }, "devtools-page-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            Cdp cdp = Cdp.connect(address.get(30, TimeUnit.SECONDS), Duration.ofSeconds(30));
            String target = cdp.call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"), CALL)
                    .path("targetId").asText();
            String session = cdp.call(null, "Target.attachToTarget",
                    JSON.createObjectNode().put("targetId", target).put("flatten", true), CALL).path("sessionId").asText();
            DevToolsPage page = new DevToolsPage(process, profile, cdp, session);
            cdp.listen(session, page::event);
            page.call("Page.enable", null);
            page.call("Runtime.enable", null);
            page.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                    .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
            return page;
        } catch (Exception e) {
            process.destroyForcibly();
            delete(profile);
            throw e;
        }
    }

    /**
     * Requests whose URL matches one of {@code patterns} (DevTools wildcards: {@code *}/schema/movie.json) are
     * handed to {@code answer}; an empty answer lets the request go to the server.
     */
    public void intercept(List<String> patterns, Function<Request, Optional<Answer>> answer) throws Exception {
        this.intercept = answer;
        ObjectNode params = JSON.createObjectNode();
        var list = params.putArray("patterns");
        patterns.forEach(p -> list.addObject().put("urlPattern", p).put("requestStage", "Request"));
        call("Fetch.enable", params);
    }

    public JsonNode call(String method, ObjectNode params) throws Exception {
        return cdp.call(session, method, params, CALL);
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a script (awaited when it is a promise); a script that throws fails with its message. */
    public JsonNode eval(String script) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", script)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("the script failed: " + r.path("exceptionDetails").path("exception")
                    .path("description").asText(r.path("exceptionDetails").toString()) + "\n" + script);
        }
        return r.path("result").path("value");
    }

    /** Waits until the script's value is truthy; its last value, or an error naming {@code what}. */
    public JsonNode waitFor(String what, String script, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            last = eval(script);
            if (!(last.isMissingNode() || last.isNull() || (last.isBoolean() && !last.asBoolean())
                    || (last.isTextual() && last.asText().isEmpty()) || (last.isNumber() && last.asDouble() == 0))) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + within.toSeconds() + " s for " + what + "; last " + last
                + "; console: " + console);
    }

    /** Types text at the focused place, as a keyboard's input would. */
    public void type(String text) throws Exception {
        call("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /** A PNG of the page as it shows now. */
    public void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** What the page wrote to its console, and its uncaught errors. */
    public List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    private void event(JsonNode m) {
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                StringBuilder b = new StringBuilder(p.path("type").asText()).append(':');
                p.path("args").forEach(a -> b.append(' ').append(a.path("value").asText(a.path("description").asText())));
                console.add(b.toString());
            }
            case "Runtime.exceptionThrown" -> console.add("exception: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Fetch.requestPaused" -> answering.execute(() -> answer(p)); // not on the connection's reading thread
            default -> {
            }
        }
    }

    private void answer(JsonNode p) {
        String id = p.path("requestId").asText();
        JsonNode req = p.path("request");
        try {
            Optional<Answer> a = intercept.apply(new Request(req.path("method").asText(), req.path("url").asText(),
                    req.path("postData").asText("")));
            if (a.isEmpty()) {
                cdp.send(session, "Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
                return;
            }
            ObjectNode params = JSON.createObjectNode().put("requestId", id).put("responseCode", a.get().status())
                    .put("body", Base64.getEncoder().encodeToString(a.get().body().getBytes(StandardCharsets.UTF_8)));
            params.putArray("responseHeaders").addObject().put("name", "Content-Type").put("value", a.get().contentType());
            cdp.send(session, "Fetch.fulfillRequest", params);
        } catch (RuntimeException e) {
            console.add("interception failed: " + e);
            cdp.send(session, "Fetch.failRequest", JSON.createObjectNode().put("requestId", id).put("errorReason", "Failed"));
        }
    }

    @Override
    public void close() {
        answering.shutdownNow();
        cdp.close();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        delete(profile);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left for the temporary directory's clean-up
        }
    }
}
