package dev.moviola.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("file:" + key).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean valid(String key, String token) {
        return token != null && MessageDigest.isEqual(token(key).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
