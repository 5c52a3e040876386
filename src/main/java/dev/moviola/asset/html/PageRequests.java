package dev.moviola.asset.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.net.Refused;
import dev.moviola.net.SafeHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request one page makes (the DevTools {@code Fetch} domain pauses them all): the page's own document
 * from memory, everything else fetched by Moviola through {@link SafeHttp} — so the address policy that guards sources
 * guards pages too (in the server: no loopback, private or metadata addresses, no {@code file:}) — and handed back
 * with {@code Fetch.fulfillRequest}, or refused with {@code Fetch.failRequest}. Only GET; bodies are bounded by the
 * download limits.
 */
final class PageRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CDP_TIMEOUT = Duration.ofSeconds(20);
    /** Headers passed on to the page as they came; the body is already decoded and its length is known. */
    private static final Set<String> DROPPED = Set.of("content-encoding", "content-length", "transfer-encoding",
            "connection", "keep-alive", "set-cookie");
    private static final Set<String> FORWARDED = Set.of("accept", "accept-language", "range", "if-none-match",
            "if-modified-since");

    private final Cdp cdp;
    private final String session;
    private final Supplier<SafeHttp> http;
    private final long maxBytes;
    private final long maxTotalBytes;
    private final Duration timeout;
    private final String documentUrl;
    private final byte[] document;
    private final AtomicLong total = new AtomicLong();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    /** The HTTP status the page at {@code documentUrl} was answered with, once fetched (0 until then). */
    private volatile int documentStatus;
    private final ExecutorService pool;

    /**
     * @param documentUrl the address the page is opened at whose answer is {@code document} (null: none of its own)
     * @param maxBytes    largest answer one request may have
     * @param maxTotal    most the page's answers may add up to
     * @param timeout     longest one request may take
     */
    PageRequests(Cdp cdp, String session, Supplier<SafeHttp> http, String documentUrl, byte[] document,
            long maxBytes, long maxTotal, Duration timeout) {
        this.cdp = cdp;
        this.session = session;
        this.http = http;
        this.documentUrl = documentUrl;
        this.document = document;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotal;
        this.timeout = timeout;
        this.pool = new ThreadPoolExecutor(4, 4, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(512), r -> {
            Thread t = new Thread(r, "html-page-requests");
            t.setDaemon(true);
            return t;
        });
    }

    /** The addresses refused so far, with why: for the author when the page does not show what they expected. */
    List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** The HTTP status of the page itself when Moviola fetched it ({@code src}); 0 when it did not. */
    int documentStatus() {
        return documentStatus;
    }

    /** A {@code Fetch.requestPaused} event's parameters: answered on this page's own threads. */
    void paused(JsonNode params) {
        try {
            pool.execute(() -> answer(params));
        } catch (RejectedExecutionException e) {
            fail(params.path("requestId").asText(), "BlockedByClient");
        }
    }

    private void answer(JsonNode params) {
        String id = params.path("requestId").asText();
        JsonNode request = params.path("request");
        String url = request.path("url").asText();
        String method = request.path("method").asText("GET");
        if (url.equals(documentUrl) && document != null) {
            fulfill(id, 200, List.of(Map.entry("Content-Type", "text/html; charset=utf-8")), document);
            return;
        }
        if (documentUrl != null && !url.equals(documentUrl) && sameHost(url, documentUrl) && document != null) {
            fail(id, "NameNotResolved"); // the snippet's own address has nothing else (its favicon, relative links)
            return;
        }
        if (url.startsWith("data:")) {
            continueRequest(id);
            return;
        }
        if (!method.equals("GET")) {
            refuse(id, url, "only GET requests are answered, not " + method);
            return;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            refuse(id, url, "not a URL");
            return;
        }
        Map<String, String> headers = new java.util.HashMap<>();
        request.path("headers").fields().forEachRemaining(h -> {
            if (FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.put(h.getKey(), h.getValue().asText());
            }
        });
        try (SafeHttp.Response r = http.get().get(uri, headers, timeout)) {
            byte[] body = read(r.body(), url);
            List<Map.Entry<String, String>> out = new ArrayList<>();
            r.headers().forEach((k, v) -> {
                if (!DROPPED.contains(k)) {
                    out.add(Map.entry(k, v));
                }
            });
            if (url.equals(documentUrl)) {
                documentStatus = r.status();
            }
            fulfill(id, r.status(), out, body);
        } catch (Refused e) {
            refuse(id, url, e.getMessage());
        } catch (IOException | RuntimeException e) { // a runtime one: the capture ended and stopped this request
            LOG.debug("a page's request for {} failed: {}", withoutQuery(url), e.toString());
            fail(id, "Failed");
        }
    }

    /** A URL for the log: its query may hold a token (a signed URL), so it is left out. */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    private static boolean sameHost(String url, String other) {
        try {
            String a = URI.create(url).getHost();
            return a != null && a.equalsIgnoreCase(URI.create(other).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] read(InputStream in, String url) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long got = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            got += n;
            if (got > maxBytes || total.addAndGet(n) > maxTotalBytes) {
                throw new IOException(url + " is larger than the download limit");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void refuse(String id, String url, String why) {
        refused.add(url + " (" + why + ")");
        LOG.debug("a page's request refused: {} ({})", withoutQuery(url), why);
        fail(id, "AccessDenied");
    }

    private void fulfill(String id, int status, List<Map.Entry<String, String>> headers, byte[] body) {
        ObjectNode p = JSON.createObjectNode().put("requestId", id).put("responseCode", status);
        ArrayNode h = p.putArray("responseHeaders");
        headers.forEach(e -> h.addObject().put("name", e.getKey()).put("value", e.getValue()));
        p.put("body", Base64.getEncoder().encodeToString(body));
        command("Fetch.fulfillRequest", p);
    }

    private void fail(String id, String reason) {
        command("Fetch.failRequest", JSON.createObjectNode().put("requestId", id).put("errorReason", reason));
    }

    private void continueRequest(String id) {
        command("Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
    }

    private void command(String method, ObjectNode params) {
        try {
            cdp.call(session, method, params, CDP_TIMEOUT);
        } catch (Cdp.CdpException e) {
            LOG.debug("{} for a page's request: {}", method, e.getMessage()); // the page has gone: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
