package dev.moviola.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Capability URLs for stored files: {@code outputUrl} carries {@code ?token=HMAC(path)}, so a player or a browser
 * can fetch the movie without the API key (they cannot send headers), and a token opens that file only.
 */
final class UrlSigner {
    private final byte[] secret;

    UrlSigner(byte[] secret) {
        this.secret = secret.clone();
    }

    String token(String key) {
        return Hmac.sha256Hex(secret, "file:" + key).substring(0, 32);
    }

    /** In constant time (never {@code String.equals}): how long a wrong guess takes tells nothing about the token. */
    boolean valid(String key, String token) {
        return token != null && MessageDigest.isEqual(token(key).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
