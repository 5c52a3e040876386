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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * API keys, stored as SHA-256 hashes only (a key is 32 random bytes, so a fast hash is enough: there is nothing
 * to guess). Nothing is cached: every request reads its key's row, so a key revoked by {@code moviola keys revoke}
 * (another process, same database) is refused from the next request on.
 *
 * <p>Timing: a request's key is found by looking up its hash. The lookup (SQLite's index, then
 * {@code String.equals}-like byte comparisons) may take longer the more leading bytes of the hash match a stored
 * hash, but the caller chooses the key, not its hash: learning that the SHA-256 of a guess shares a prefix with a
 * stored hash tells nothing about the key (that would need a preimage), so no key can be guessed byte by byte.
 * The row found is still compared with {@link MessageDigest#isEqual}, and secrets proper (file URL tokens) are
 * compared that way only.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;

    /** A key as listed: never the key nor its hash. */
    public record Info(String id, String label, Instant createdAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A key just made: {@code key} is shown once and stored nowhere. */
    public record Created(String id, String key) {
    }

    public ApiKeys(DataSource db) {
        this.db = db;
    }

    /** Makes a new key and stores its hash; the key itself is shown once, to whoever asked for it. */
    public Created create(String label) throws SQLException {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String key = "mv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return new Created(store(key, label), key);
    }

    /** Every key, oldest first, revoked ones included. */
    public List<Info> list() throws SQLException {
        List<Info> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("select id, label, created_at, revoked_at from api_keys order by created_at, id");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Info(r.getString(1), r.getString(2), Instant.parse(r.getString(3)),
                        r.getString(4) == null ? null : Instant.parse(r.getString(4))));
            }
        }
        return out;
    }

    /**
     * Revokes a key: from the next request on it is refused. Its jobs stay (their outputs stay reachable by their
     * URLs' tokens).
     *
     * @return false when there is no such key, or it was revoked already
     */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("update api_keys set revoked_at = ? where id = ? and revoked_at is null")) {
            p.setString(1, Instant.now().toString());
            p.setString(2, id);
            return p.executeUpdate() == 1;
        }
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

    /** Stores the key's hash; returns its id. */
    private String store(String key, String label) throws SQLException {
        String hash = hash(key);
        String id = "key_" + hash.substring(0, 12);
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("insert into api_keys (id, hash, label, created_at) values (?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, hash);
            p.setString(3, label == null ? "" : label);
            p.setString(4, Instant.now().toString());
            p.executeUpdate();
        }
        return id;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
