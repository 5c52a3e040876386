package dev.moviola.asset.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.net.SafeHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Draws one {@link Capture} in a browser: a page of its own in a fresh browser context (no cookies, storage or cache
 * shared with any other capture), the viewport set to the capture's size with a transparent background, every request
 * answered by {@link PageRequests}, the content loaded, {@code wait} seconds let pass, and the viewport taken as a PNG.
 * Every DevTools call has a time limit, and the whole capture a deadline; the page and its context are closed however
 * it ends.
 */
final class PageCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Where a snippet's page is opened: a name that never resolves, answered from memory ({@link PageRequests}). Plain
     * http, because an https page would have the browser upgrade or block the http pictures and styles a snippet names
     * (mixed content).
     */
    static final String SNIPPET_URL = "http://html.moviola.invalid/";
    private static final Duration CALL = Duration.ofSeconds(20);
    /**
     * Fonts loaded and two frames drawn: what the page shows is on screen, Tailwind's styles included. A page the
     * browser does not draw frames for would never answer, so a timer ends the wait too.
     */
    private static final String SETTLED = "Promise.race([document.fonts.ready.then(() => new Promise(r => "
            + "requestAnimationFrame(() => requestAnimationFrame(() => r(true))))), new Promise(r => setTimeout(r, 1000))])";

    private final Supplier<SafeHttp> http;
    private final long maxBytes;
    private final long maxTotalBytes;
    private final Duration requestTimeout;

    /**
     * @param http           fetches what pages ask for, under the address policy
     * @param maxBytes       largest answer one of a page's requests may have
     * @param maxTotalBytes  most one page's answers may add up to
     * @param requestTimeout longest one of a page's requests may take
     */
    PageCapture(Supplier<SafeHttp> http, long maxBytes, long maxTotalBytes, Duration requestTimeout) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.requestTimeout = requestTimeout;
    }

    /** A page failed to load or draw, in words for the author. */
    static final class CaptureException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        CaptureException(String message, Throwable cause) {
            this(message, cause, false);
        }

        CaptureException(String message, Throwable cause, boolean timedOut) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /** The page did not finish in time: another try may succeed, and the browser may still be busy with it. */
        boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * The capture as PNG bytes.
     *
     * @param deadline {@link System#nanoTime()} by which it must be done
     */
    byte[] capture(Cdp cdp, Capture c, long deadline) throws IOException, InterruptedException {
        String context = cdp.call(null, "Target.createBrowserContext", JSON.createObjectNode()
                .put("disposeOnDetach", true), CALL).path("browserContextId").asText();
        try {
            String target = cdp.call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank")
                    .put("browserContextId", context), CALL)
                    .path("targetId").asText();
            try {
                String session = cdp.call(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target)
                        .put("flatten", true), CALL).path("sessionId").asText();
                try {
                    return draw(cdp, session, c, deadline);
                } catch (Cdp.CdpException e) {
                    throw new CaptureException(e.getMessage(), e, e.timedOut());
                } finally {
                    cdp.forget(session);
                }
            } finally {
                quietly(() -> cdp.call(null, "Target.closeTarget", JSON.createObjectNode().put("targetId", target), CALL));
            }
        } finally {
            quietly(() -> cdp.call(null, "Target.disposeBrowserContext", JSON.createObjectNode()
                    .put("browserContextId", context), CALL));
        }
    }

    private byte[] draw(Cdp cdp, String session, Capture c, long deadline) throws IOException, InterruptedException {
        String url = c.html() != null ? SNIPPET_URL : c.url();
        byte[] document = c.html() != null ? HtmlDocument.of(c.html(), c.tailwind()).getBytes(StandardCharsets.UTF_8)
                : null;
        // A navigation's "load", by its loader: the blank page the target opened with has a load of its own.
        Map<String, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
        CompletableFuture<Void> crashed = new CompletableFuture<>();
        try (PageRequests requests = new PageRequests(cdp, session, http, url, document, maxBytes, maxTotalBytes,
                requestTimeout)) {
            cdp.listen(session, event -> {
                switch (event.path("method").asText()) {
                    case "Fetch.requestPaused" -> requests.paused(event.path("params"));
                    case "Page.lifecycleEvent" -> {
                        if (event.path("params").path("name").asText().equals("load")) {
                            loads.computeIfAbsent(event.path("params").path("loaderId").asText(),
                                    k -> new CompletableFuture<>()).complete(null);
                        }
                    }
                    case "Inspector.targetCrashed" -> crashed.completeExceptionally(
                            new CaptureException("the browser's page crashed", null));
                    case "Page.javascriptDialogOpening" -> cdp.send(session, "Page.handleJavaScriptDialog",
                            JSON.createObjectNode().put("accept", true));
                    default -> {
                    }
                }
            });
            call(cdp, session, "Fetch.enable", patterns(), deadline);
            call(cdp, session, "Page.enable", null, deadline);
            call(cdp, session, "Page.setLifecycleEventsEnabled", JSON.createObjectNode().put("enabled", true), deadline);
            call(cdp, session, "Inspector.enable", null, deadline);
            call(cdp, session, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", c.width())
                    .put("height", c.height()).put("deviceScaleFactor", 1).put("mobile", false), deadline);
            ObjectNode transparent = JSON.createObjectNode();
            transparent.putObject("color").put("r", 0).put("g", 0).put("b", 0).put("a", 0);
            call(cdp, session, "Emulation.setDefaultBackgroundColorOverride", transparent, deadline);
            JsonNode navigated = call(cdp, session, "Page.navigate", JSON.createObjectNode().put("url", url), deadline);
            answered(requests, c);
            if (navigated.hasNonNull("errorText")) {
                throw new CaptureException("the page " + (c.url() != null ? c.url() + " " : "") + "could not be loaded ("
                        + navigated.get("errorText").asText() + ")" + refusedNote(requests.refused()), null);
            }
            CompletableFuture<Void> loaded = loads.computeIfAbsent(navigated.path("loaderId").asText(),
                    k -> new CompletableFuture<>());
            await(CompletableFuture.anyOf(loaded, crashed), deadline, "the page did not finish loading");
            answered(requests, c);
            if (c.tailwind() && c.url() != null) {
                evaluate(cdp, session, HtmlDocument.tailwind(), deadline);
            }
            evaluate(cdp, session, SETTLED, deadline);
            if (c.waitSeconds() > 0) {
                long waitNanos = (long) (c.waitSeconds() * 1e9);
                if (System.nanoTime() + waitNanos > deadline) {
                    throw new CaptureException("the wait of " + c.waitSeconds() + " s goes past the capture's time limit",
                            null, true);
                }
                TimeUnit.NANOSECONDS.sleep(waitNanos);
                evaluate(cdp, session, SETTLED, deadline);
            }
            ObjectNode shot = JSON.createObjectNode().put("format", "png").put("fromSurface", true)
                    .put("captureBeyondViewport", false);
            shot.putObject("clip").put("x", 0).put("y", 0).put("width", c.width()).put("height", c.height())
                    .put("scale", 1);
            String png = call(cdp, session, "Page.captureScreenshot", shot, deadline).path("data").asText();
            return Base64.getDecoder().decode(png);
        }
    }

    /** A page at {@code src} that its server answered with an error is not drawn: the error page is not the page. */
    private static void answered(PageRequests requests, Capture c) throws CaptureException {
        if (requests.documentStatus() >= 400) {
            throw new CaptureException("the page " + c.url() + " answered HTTP " + requests.documentStatus(), null);
        }
    }

    private static ObjectNode patterns() {
        ObjectNode p = JSON.createObjectNode();
        p.putArray("patterns").addObject().put("urlPattern", "*");
        return p;
    }

    private static void evaluate(Cdp cdp, String session, String script, long deadline)
            throws IOException, InterruptedException {
        JsonNode r = call(cdp, session, "Runtime.evaluate", JSON.createObjectNode().put("expression", script)
                .put("awaitPromise", true).put("returnByValue", true), deadline);
        if (r.has("exceptionDetails")) {
            throw new CaptureException("a script of Moviola's failed in the page: "
                    + r.get("exceptionDetails").path("exception").path("description")
                    .asText(r.get("exceptionDetails").path("text").asText()), null);
        }
    }

    private static JsonNode call(Cdp cdp, String session, String method, ObjectNode params, long deadline)
            throws IOException, InterruptedException {
        return cdp.call(session, method, params, remaining(deadline, method));
    }

    private static Duration remaining(long deadline, String doing) throws CaptureException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new CaptureException("the capture ran out of time (" + doing + ")", null, true);
        }
        return Duration.ofNanos(Math.min(left, CALL.toNanos()));
    }

    private static void await(CompletableFuture<?> f, long deadline, String what)
            throws IOException, InterruptedException {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CaptureException(what + " within the capture's time limit", e, true);
        } catch (ExecutionException e) {
            throw new CaptureException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static String refusedNote(List<String> refused) {
        return refused.isEmpty() ? "" : "; refused: " + String.join(", ", refused.subList(0, Math.min(3, refused.size())));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the browser is gone or the page with it: nothing left to close
        }
    }
}
