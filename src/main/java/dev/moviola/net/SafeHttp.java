package dev.moviola.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for everything Moviola downloads (sources, fonts) and posts (callbacks, webhooks). Every
 * connection goes through the {@link AddressPolicy}: the name is resolved and checked once, and the connection
 * is made to the addresses that passed (the client's own name lookup is this policy). Only {@code http} and
 * {@code https}; no proxies from the environment, no cookies, no retries; redirects of a GET are followed by
 * hand (at most {@value #MAX_REDIRECTS}), each one checked like the first; a POST's are not followed.
 * Thread-safe (a pooled client).
 */
public final class SafeHttp implements Closeable {
    static final int MAX_REDIRECTS = 5;

    private final AddressPolicy policy;
    private final CloseableHttpClient client;

    /** An answer with its body still to read; closing it frees the connection. */
    public record Response(int status, URI uri, Map<String, String> headers, InputStream body) implements Closeable {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    public SafeHttp(AddressPolicy policy, Duration connectTimeout) {
        this.policy = policy;
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.ofSeconds(60)).build())
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(16)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Moviola")
                .build();
    }

    public AddressPolicy policy() {
        return policy;
    }

    /**
     * GETs a URL, following redirects.
     *
     * @param timeout longest wait for the answer and for each read of its body
     * @throws Refused when the URL or a redirect leads somewhere the policy refuses
     */
    public Response get(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        URI at = uri;
        for (int redirects = 0; ; redirects++) {
            check(at);
            HttpGet get = new HttpGet(at);
            headers.forEach(get::addHeader);
            get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
            ClassicHttpResponse r = client.executeOpen(null, get, null);
            int status = r.getCode();
            Header location = r.getFirstHeader("Location");
            if (isRedirect(status) && location != null) {
                EntityUtils.consumeQuietly(r.getEntity());
                r.close();
                if (redirects == MAX_REDIRECTS) {
                    throw new IOException("more than " + MAX_REDIRECTS + " redirects");
                }
                at = at.resolve(location.getValue().trim());
                continue;
            }
            return new Response(status, at, headers(r), body(r));
        }
    }

    /**
     * POSTs a body; a redirect is an answer like any other (not followed).
     *
     * @return the status code (the answer's body is not read)
     */
    public int post(URI uri, Map<String, String> headers, byte[] body, String contentType, Duration timeout)
            throws IOException {
        check(uri);
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::addHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        try (ClassicHttpResponse r = client.executeOpen(null, post, null)) {
            EntityUtils.consumeQuietly(r.getEntity());
            return r.getCode();
        }
    }

    /**
     * Only plain http(s) URLs; address literals and names refused without a lookup are refused here (a name's
     * addresses are checked once, when the connection resolves it).
     */
    /**
     * Checks that the policy lets this client fetch {@code uri} now, resolving its host: for a copy of it fetched
     * earlier (the element cache), which a server must not hand out when the address it came from is refused to it
     * (another process with an open policy may have fetched it into a shared cache, or the allow-list was narrowed).
     *
     * @throws Refused when it does not; an {@link java.net.UnknownHostException} when the name does not resolve
     */
    public void permit(URI uri) throws IOException {
        check(uri);
        if (policy.restricted()) {
            policy.resolve(uri.getHost());
        }
    }

    private void check(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(uri + ": only http and https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new Refused(uri + ": the URL has no host");
        }
        policy.precheck(uri.getHost());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Map<String, String> headers(ClassicHttpResponse r) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Header h : r.getHeaders()) {
            out.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        return out;
    }

    private static InputStream body(ClassicHttpResponse r) throws IOException {
        HttpEntity e = r.getEntity();
        InputStream in = e == null ? InputStream.nullInputStream() : e.getContent();
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    r.close();
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
