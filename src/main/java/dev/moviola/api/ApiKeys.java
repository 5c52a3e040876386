package dev.moviola.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API keys, stored as SHA-256 hashes only (a key is 32 random bytes, so a fast hash is enough: there is nothing
 * to guess). A request's key is hashed and compared in constant time with the stored hash it names.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;

    public ApiKeys(DataSource db) {
        this.db = db;
    }

    /** Makes a new key and stores its hash; the key itself is shown once, to whoever asked for it. */
    public String create(String label) throws SQLException {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String key = "mv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        store(key, label);
        return key;
    }

    /** Stores a key given by the operator ({@code --api-key}); nothing happens when it is stored already. */
    public void ensure(String key, String label) throws SQLException {
        if (find(hash(key)).isEmpty()) {
            store(key, label);
        }
    }

    public int count() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("select count(*) from api_keys where revoked_at is null");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The id of the key, when it is known and not revoked. */
    public Optional<String> authenticate(String key) throws SQLException {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key.trim());
        Optional<String[]> row = find(hash);
        if (row.isEmpty() || row.get()[2] != null) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(row.get()[1].getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        return same ? Optional.of(row.get()[0]) : Optional.empty();
    }

    private Optional<String[]> find(String hash) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("select id, hash, revoked_at from api_keys where hash = ?")) {
            p.setString(1, hash);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2), r.getString(3)}) : Optional.empty();
            }
        }
    }

    private void store(String key, String label) throws SQLException {
        String hash = hash(key);
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("insert into api_keys (id, hash, label, created_at) values (?, ?, ?, ?)")) {
            p.setString(1, "key_" + hash.substring(0, 12));
            p.setString(2, hash);
            p.setString(3, label);
            p.setString(4, Instant.now().toString());
            p.executeUpdate();
        }
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
