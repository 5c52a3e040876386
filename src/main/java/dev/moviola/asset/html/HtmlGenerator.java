package dev.moviola.asset.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.asset.Generator;
import dev.moviola.net.SafeHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes an html element's picture: the snippet or page drawn by headless Chromium into a transparent PNG of the box's
 * size ({@link PageCapture}). The resolver keeps it in the element cache under the request and {@link #identity}, so a
 * repeat render shows the kept picture without starting a browser. Thread-safe; {@link #close} ends the browser.
 */
public final class HtmlGenerator implements Generator, AutoCloseable {
    /** The programs looked for on the PATH when the {@code browser} setting names none, in this order. */
    static final List<String> PROGRAMS = List.of("chromium", "chromium-browser", "google-chrome");
    static final String INSTALL_HINT = "install Chromium (Debian: apt-get install chromium) or set browser to its program";
    /** Longest a capture may take besides its own {@code wait}. */
    static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(30);
    /** Raised when how a capture is drawn changes, so that pictures kept from before are drawn again. */
    private static final String CAPTURE_REVISION = "1";

    private final Optional<Path> browser;
    private final PageCapture pages;
    private final BrowserPool pool;
    private final Duration captureTimeout;

    /**
     * @param browser       the {@code browser} setting: a program name or path (empty: {@link #PROGRAMS} on the PATH)
     * @param workDir       where the browser keeps its profile while it runs
     * @param http          fetches what pages ask for, under the address policy of the sources
     * @param maxBytes      largest answer one of a page's requests may have
     * @param maxTotalBytes most one page's answers may add up to
     * @param timeout       longest one of a page's requests may take
     */
    public HtmlGenerator(Optional<Path> browser, Path workDir, Supplier<SafeHttp> http, long maxBytes,
            long maxTotalBytes, Duration timeout) {
        this(browser, workDir, http, maxBytes, maxTotalBytes, timeout, CAPTURE_TIMEOUT, BrowserPool.CAPTURES_PER_BROWSER);
    }

    /**
     * @param captureTimeout     longest a capture may take besides its own {@code wait} (tests: shorter)
     * @param capturesPerBrowser how many captures one browser makes before it is started afresh (tests: fewer)
     */
    HtmlGenerator(Optional<Path> browser, Path workDir, Supplier<SafeHttp> http, long maxBytes, long maxTotalBytes,
            Duration timeout, Duration captureTimeout, int capturesPerBrowser) {
        this.browser = browser;
        this.captureTimeout = captureTimeout;
        this.pages = new PageCapture(http, maxBytes, maxTotalBytes, timeout);
        this.pool = new BrowserPool(workDir, Duration.ofSeconds(60), capturesPerBrowser);
    }

    @Override
    public String identity(JsonNode request) {
        String version = HtmlGenerator.class.getPackage().getImplementationVersion();
        return "moviola " + (version == null ? "development" : version) + ", capture " + CAPTURE_REVISION
                + (request.path("tailwind").asBoolean() ? ", tailwind " + HtmlDocument.TAILWIND_VERSION : "");
    }

    @Override
    public Generated generate(JsonNode request, Path dir) throws GeneratorException, InterruptedException {
        Path program = program();
        Capture c = new Capture(text(request, "html"), text(request, "url"), request.path("tailwind").asBoolean(),
                request.path("wait").asDouble(), request.path("width").asInt(), request.path("height").asInt());
        long deadline = System.nanoTime() + captureTimeout.toNanos() + (long) (c.waitSeconds() * 1e9);
        try {
            byte[] png = pool.run(program, cdp -> pages.capture(cdp, c, deadline));
            Path file = dir.resolve("capture.png");
            Files.write(file, png);
            return new Generated(file, JsonNodeFactory.instance.objectNode().put("browser", program.toString()));
        } catch (PageCapture.CaptureException e) {
            throw new GeneratorException("the browser could not draw it: " + e.getMessage(), e.timedOut(), e);
        } catch (IOException e) {
            throw new GeneratorException("the browser could not draw it: " + e.getMessage(), true, e);
        }
    }

    /** How many browsers have been started: one serves many captures. */
    int browserStarts() {
        return pool.starts();
    }

    /** The browser's program: the setting's, or the first of {@link #PROGRAMS} on the PATH. */
    Path program() throws GeneratorException {
        if (browser.isPresent()) {
            Path b = browser.get();
            Optional<Path> found = b.getNameCount() == 1 && !b.isAbsolute() ? onPath(b.toString())
                    : Optional.of(b).filter(Files::isExecutable);
            return found.orElseThrow(() -> new GeneratorException("the browser " + b
                    + " (the browser setting) is not an executable program; " + INSTALL_HINT, false, null));
        }
        for (String name : PROGRAMS) {
            Optional<Path> found = onPath(name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new GeneratorException("html elements are drawn by headless Chromium, and none was found on the PATH ("
                + String.join(", ", PROGRAMS) + "); " + INSTALL_HINT, false, null);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode request, String key) {
        JsonNode v = request.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        pool.close();
    }
}
