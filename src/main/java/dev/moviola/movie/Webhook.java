package dev.moviola.movie;

/**
 * A {@code webhook} destination of the movie's {@code exports}: where the service POSTs the finished movie's
 * details (docs/format.md#exports).
 *
 * @param endpoint   an absolute {@code http} or {@code https} URL
 * @param urlencoded whether the payload is sent as form fields ({@code "content-type": "urlencoded"}) rather
 *                   than JSON (the default)
 */
public record Webhook(String endpoint, boolean urlencoded) {

    /** Whether a URL is one the service can POST to: absolute, {@code http} or {@code https}, with a host. */
    public static boolean isEndpoint(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
