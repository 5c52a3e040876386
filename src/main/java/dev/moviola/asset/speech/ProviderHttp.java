package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer of the speech and image providers' clients: one POST (or a GET of a prediction's state), with the provider's key in its header, a deadline for
 * the whole exchange ({@code provider-timeout}), and the passing failures (429, 5xx, 408, no answer, a lost
 * connection) tried again up to {@code provider-retries} times, after 0.5 s, 1 s, 2 s… (with jitter) or after what
 * the provider's {@code Retry-After} asks (capped at {@value #MAX_RETRY_AFTER_SECONDS} s).
 *
 * <p>Provider addresses are operator settings, not document content: no address policy here (unlike
 * {@link dev.moviola.net.SafeHttp}). Redirects are not followed (a key header must not follow a redirect elsewhere),
 * no proxy comes from the environment, no cookies are kept.
 *
 * <p>Keys never reach a message, a log line or an exception: the only place a key is revealed is the request header
 * that carries it, and whatever a provider answers is scrubbed of the key (and of pieces of it, as in OpenAI's
 * "Incorrect API key provided: sk-ab***yz") before it is quoted.
 *
 * <p>A thread waiting for an answer or between tries stops at once when interrupted (the request is aborted).
 * Thread-safe; one instance may serve all engines. Closing it closes its connections.
 */
public final class ProviderHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Longest wait a provider's Retry-After obtains; a longer one is waited this long. */
    static final long MAX_RETRY_AFTER_SECONDS = 60;
    /** Longest backoff between two tries when the provider does not say. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The most a provider's answer may hold (ElevenLabs sends its audio in base64 inside JSON). */
    static final int MAX_ANSWER_BYTES = 256 << 20;
    /** How much of a provider's error message is quoted. */
    static final int MAX_QUOTE = 200;

    private final Duration timeout;
    private final int retries;
    private final Duration backoffBase;
    private final CloseableHttpClient client;
    private final ExecutorService workers;
    private final String userAgent;

    /**
     * A provider as its messages name it.
     *
     * @param name       the provider for people ({@code Azure}, {@code ElevenLabs})
     * @param keySetting what to check when the key is refused ({@code azure-speech-key})
     * @param urlSetting the setting that gives its address ({@code azure-speech-url})
     * @param keyHeader  the request header that carries the key ({@code xi-api-key})
     * @param keyPrefix  what comes before the key in that header ({@code "Bearer "}, or "")
     * @param key        the key, or null to send none (a self-hosted server that needs none)
     * @param meter      what {@code /metrics} counts the calls under
     */
    public record Target(String name, String keySetting, String urlSetting, String keyHeader, String keyPrefix,
            Secret key, Meters.Provider meter) {
    }

    /** A provider's successful answer, read whole. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The wait the answer's Retry-After asks for, if it sends one. */
        Optional<Duration> retryAfter() {
            return ProviderHttp.retryAfter(headers.get("retry-after"), Instant.now());
        }
    }

    /** @param timeout longest one request may take, answer included; {@code retries} tries after the first */
    public ProviderHttp(Duration timeout, int retries) {
        this(timeout, retries, Duration.ofMillis(500));
    }

    /** @param backoffBase the wait before the second try, doubled before each next one */
    ProviderHttp(Duration timeout, int retries, Duration backoffBase) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        this.retries = Math.max(0, retries);
        this.backoffBase = backoffBase;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                .setSocketTimeout(Timeout.of(timeout)).build())
                        .setMaxConnTotal(32)
                        .setMaxConnPerRoute(16)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "moviola-provider-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        String version = ProviderHttp.class.getPackage().getImplementationVersion();
        this.userAgent = "Moviola" + (version == null ? "" : "/" + version);
    }

    /** The timeout and retries of {@code settings}. */
    public static ProviderHttp of(ProviderSettings settings) {
        return new ProviderHttp(settings.timeout(), settings.retries());
    }

    Duration timeout() {
        return timeout;
    }

    int retries() {
        return retries;
    }

    /** What requests send as their {@code User-Agent} ({@code Moviola/0.1.0}). */
    String userAgent() {
        return userAgent;
    }

    /**
     * POSTs to a provider, trying again on passing failures.
     *
     * @param headers besides the key's and the User-Agent
     * @param body    makes the request's body, once per try
     * @return the 2xx answer
     * @throws SpeechException the provider refused (the message says why and which setting to check; not passing)
     *                         or did not answer after all tries (passing)
     */
    public Answer post(Target target, URI uri, Map<String, String> headers, Supplier<HttpEntity> body)
            throws SpeechException, InterruptedException {
        return exchange(target, uri, headers, () -> {
            HttpPost post = new HttpPost(uri);
            post.setEntity(body.get());
            return post;
        });
    }

    /** GETs from a provider (a prediction's state), with the same key, deadline and retries as {@link #post}. */
    public Answer get(Target target, URI uri, Map<String, String> headers) throws SpeechException, InterruptedException {
        return exchange(target, uri, headers, () -> new HttpGet(uri));
    }

    /** One call, counted for /metrics: failed when it ends in a SpeechException (not when the render stops it). */
    private Answer exchange(Target target, URI uri, Map<String, String> headers, Supplier<HttpUriRequestBase> request)
            throws SpeechException, InterruptedException {
        try {
            Answer a = tries(target, uri, headers, request);
            Meters.current().providerCalled(target.meter(), true);
            return a;
        } catch (SpeechException e) {
            Meters.current().providerCalled(target.meter(), false);
            throw e;
        }
    }

    private Answer tries(Target target, URI uri, Map<String, String> headers, Supplier<HttpUriRequestBase> request)
            throws SpeechException, InterruptedException {
        int tries = retries + 1;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String failure;
            Throwable cause = null;
            try {
                Answer a = once(target, headers, request.get());
                int s = a.status();
                if (s >= 200 && s < 300) {
                    return a;
                }
                String said = errorMessage(a, target.key());
                if (s == 401 || s == 403) {
                    throw new SpeechException(refusedKey(target, s, uri) + (said.isEmpty() ? "" : " (" + target.name()
                            + " said: " + said + ")"), false, null);
                }
                if (s >= 300 && s < 400) {
                    throw new SpeechException(target.name() + " answered with a redirect (HTTP " + s + "), which is not "
                            + "followed; check " + target.urlSetting() + " (" + hostOf(uri) + ")", false, null);
                }
                if (!passing(s)) {
                    throw new SpeechException(target.name() + " refused the request (HTTP " + s + ")"
                            + (said.isEmpty() ? "" : ": " + said), false, null);
                }
                failure = target.name() + " answered HTTP " + s + (said.isEmpty() ? "" : " (" + said + ")");
                wait = a.retryAfter().orElse(null);
                if (attempt >= tries) {
                    throw new SpeechException(failure + " " + times(tries) + "; try again later", true, null);
                }
            } catch (TimedOut e) {
                failure = target.name() + " did not answer within " + seconds(timeout) + " (" + hostOf(uri) + ")";
                wait = null;
                if (attempt >= tries) {
                    throw new SpeechException(failure + " " + times(tries) + "; check " + target.urlSetting()
                            + " or provider-timeout, or try again later", true, null);
                }
            } catch (IOException e) {
                failure = "could not reach " + target.name() + " at " + hostOf(uri) + ": "
                        + scrub(describe(e), target.key());
                cause = new IOException(scrub(describe(e), target.key()));
                wait = null;
                if (attempt >= tries) {
                    throw new SpeechException(failure + " " + times(tries) + "; check " + target.urlSetting()
                            + " or try again later", true, cause);
                }
            }
            Duration backoff = wait != null ? wait : backoff(attempt);
            LOG.warn("{}; trying again in {} (try {} of {})", failure, seconds(backoff), attempt + 1, tries);
            Thread.sleep(backoff.toMillis());
        }
    }

    /** 408, 429 and 5xx: the provider may answer later. */
    static boolean passing(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private String refusedKey(Target target, int status, URI uri) {
        if (target.key() == null) {
            return target.name() + " at " + hostOf(uri) + " asks for a key (HTTP " + status + "); set "
                    + target.keySetting();
        }
        return target.name() + " refused the key (HTTP " + status + "); check " + target.keySetting();
    }

    /** The wait before try {@code attempt + 1}: 0.5 s, 1 s, 2 s… with ±25 % jitter, at most 30 s. */
    Duration backoff(int attempt) {
        long base = backoffBase.toMillis() << Math.min(20, attempt - 1);
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), Math.round(base * jitter)));
    }

    /** One request, with the whole exchange bounded by the timeout. */
    private Answer once(Target target, Map<String, String> headers, HttpUriRequestBase post)
            throws IOException, TimedOut, InterruptedException {
        headers.forEach(post::addHeader);
        post.setHeader("User-Agent", userAgent);
        if (target.key() != null) {
            post.setHeader(target.keyHeader(), target.keyPrefix() + target.key().reveal());
        }
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).build());
        Future<Answer> f = workers.submit(() -> {
            try (ClassicHttpResponse r = client.executeOpen(null, post, null)) {
                Map<String, String> h = new LinkedHashMap<>();
                for (Header x : r.getHeaders()) {
                    h.putIfAbsent(x.getName().toLowerCase(Locale.ROOT), x.getValue());
                }
                HttpEntity e = r.getEntity();
                byte[] bytes = e == null ? new byte[0] : read(e.getContent());
                return new Answer(r.getCode(), h.getOrDefault("content-type", ""), bytes, h);
            }
        });
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            post.cancel();
            f.cancel(true);
            throw new TimedOut();
        } catch (InterruptedException e) {
            post.cancel();
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.io.InterruptedIOException) {
                // the connect or read timeout (the same as the deadline) struck first
                throw new TimedOut();
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (out.size() + n > MAX_ANSWER_BYTES) {
                    throw new IOException("the answer is larger than " + (MAX_ANSWER_BYTES >> 20) + " MiB");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * The provider's own explanation of a failure, shortened, on one line, without the key: the {@code message} of
     * its JSON error ({@code {"error":{"message"}}} at OpenAI and Azure, {@code {"detail":{"message"}}} or
     * {@code {"detail":"…"}} at ElevenLabs and Whisper servers), else a short plain-text body; "" when it gave none.
     */
    static String errorMessage(Answer a, Secret key) {
        String text = a.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        String found = null;
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                found = messageIn(JSON.readTree(text));
            } catch (IOException e) {
                found = null;
            }
        } else if (!a.contentType().toLowerCase(Locale.ROOT).contains("html") && !text.startsWith("<")) {
            found = text;
        }
        return found == null ? "" : shorten(scrub(found, key));
    }

    private static String messageIn(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            return n.isEmpty() ? null : messageIn(n.get(0));
        }
        for (String k : new String[] {"message", "msg", "error", "detail", "Message", "error_description"}) {
            String m = messageIn(n.get(k));
            if (m != null && !m.isBlank()) {
                return m;
            }
        }
        return null;
    }

    /** One line of at most {@value #MAX_QUOTE} characters. */
    public static String shorten(String s) {
        String line = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE - 1) + "…";
    }

    /**
     * {@code text} without the key: the key itself, and any word holding 6 or more of its characters in a row (a
     * masked echo of the key), become {@code (redacted)}.
     */
    public static String scrub(String text, Secret key) {
        if (text == null || key == null) {
            return text;
        }
        String k = key.reveal();
        String out = text.replace(k, "(redacted)");
        if (k.length() < 6) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+").matcher(out);
        while (m.find()) {
            String word = m.group();
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(sharesPiece(word, k) ? "(redacted)" : word));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static boolean sharesPiece(String word, String key) {
        if (word.length() < 6) {
            return false;
        }
        for (int i = 0; i + 6 <= key.length(); i++) {
            if (word.contains(key.substring(i, i + 6))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The wait a {@code Retry-After} value asks for: delay-seconds or an HTTP date, at most
     * {@value #MAX_RETRY_AFTER_SECONDS} s; empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        Duration d;
        if (v.matches("\\d{1,10}(\\.\\d+)?")) {
            d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } else {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        Duration cap = Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS);
        return Optional.of(d.compareTo(cap) > 0 ? cap : d);
    }

    /** The host (and port when not the scheme's default) of an address, for messages and identities. */
    public static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * {@code base} (a setting: {@code https://api.openai.com}, or a proxy's address with a path) followed by
     * {@code path} ({@code /v1/audio/speech}); a base that already ends in {@code /v1}, as OpenAI's SDKs write
     * it, does not get a second one.
     */
    public static URI endpoint(URI base, String path) {
        String b = base.toString().replaceAll("/+$", "");
        if (b.endsWith("/v1") && path.startsWith("/v1/")) {
            b = b.substring(0, b.length() - 3);
        }
        return URI.create(b + path);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : shorten(m);
    }

    private static String times(int tries) {
        return tries == 1 ? "(tried once)" : "(tried " + tries + " times)";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 100) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The whole exchange took longer than the timeout. */
    private static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
