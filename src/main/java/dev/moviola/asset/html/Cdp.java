package dev.moviola.asset.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a browser's DevTools protocol over the JDK's own WebSocket client: commands with a time limit each,
 * and events handed to whoever listens to the session (a page) they belong to. Sessions are "flattened": every page's
 * commands and events travel on this one connection, told apart by their {@code sessionId}. Thread-safe.
 */
final class Cdp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cdp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final Object sending = new Object();

    /** A command the browser answered with an error, or that did not finish in time, or a connection that ended. */
    static final class CdpException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        CdpException(String message, Throwable cause) {
            this(message, cause, false);
        }

        CdpException(String message, Throwable cause, boolean timedOut) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /** The browser did not answer in time: it may be busy with a page that never stops. */
        boolean timedOut() {
            return timedOut;
        }
    }

    private Cdp(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the browser's DevTools address ({@code ws://127.0.0.1:…/devtools/browser/…}). */
    static Cdp connect(URI devtools, Duration timeout) throws IOException, InterruptedException {
        Receiver receiver = new Receiver();
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout).build();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(devtools, receiver)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Cdp cdp = new Cdp(socket);
            receiver.cdp.complete(cdp);
            return cdp;
        } catch (ExecutionException | TimeoutException e) {
            throw new CdpException("cannot connect to the browser at " + devtools + ": " + e, e);
        }
    }

    /** Sends {@code method} to the browser (sessionId null) or to a page, and waits at most {@code timeout}. */
    JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout)
            throws CdpException, InterruptedException {
        CompletableFuture<JsonNode> answer = send(sessionId, method, params);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CdpException(method + " did not finish within " + timeout.toSeconds() + " s", e, true);
        } catch (ExecutionException e) {
            throw new CdpException(method + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            answer.cancel(false);
        }
    }

    /** Sends {@code method} without waiting for its answer. */
    CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answer.whenComplete((v, e) -> pending.remove(id));
        pending.put(id, answer);
        if (closed.isDone()) {
            answer.completeExceptionally(new CdpException("the browser connection is closed: " + closed.join(), null));
            return answer;
        }
        try {
            synchronized (sending) { // the WebSocket takes one message at a time
                socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(e);
        } catch (ExecutionException | TimeoutException e) {
            answer.completeExceptionally(new CdpException("cannot send " + method + " to the browser: " + e, e));
        }
        return answer;
    }

    /** Events of one page ({@code sessionId}) go to {@code listener}, on the connection's reading thread. */
    void listen(String sessionId, Consumer<JsonNode> listener) {
        listeners.put(sessionId, listener);
    }

    void forget(String sessionId) {
        listeners.remove(sessionId);
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        ended("closed by Moviola");
        socket.abort();
    }

    private void ended(String why) {
        if (closed.complete(why)) {
            CdpException e = new CdpException("the browser connection ended: " + why, null);
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private void received(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            LOG.debug("an unreadable DevTools message: {}", e.getMessage());
            return;
        }
        if (m.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(m.get("id").asLong());
            if (answer == null) {
                return;
            }
            if (m.has("error")) {
                answer.completeExceptionally(new CdpException(m.get("error").path("message").asText("error"), null));
            } else {
                answer.complete(m.path("result"));
            }
            return;
        }
        Consumer<JsonNode> listener = listeners.get(m.path("sessionId").asText(""));
        if (listener != null) {
            try {
                listener.accept(m);
            } catch (RuntimeException e) {
                LOG.warn("handling the browser event {} failed", m.path("method").asText(), e);
            }
        }
    }

    /** Reads whole messages (they may come in parts) and hands them to the connection. */
    private static final class Receiver implements WebSocket.Listener {
        private final CompletableFuture<Cdp> cdp = new CompletableFuture<>();
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                cdp.join().received(text);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            cdp.thenAccept(c -> c.ended("closed by the browser (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            cdp.thenAccept(c -> c.ended(String.valueOf(error)));
        }
    }
}
