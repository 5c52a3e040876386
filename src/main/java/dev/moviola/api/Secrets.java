package dev.moviola.api;

import dev.moviola.job.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The service's own secrets: {@code secret} signs file URLs, {@code webhook-secret} callbacks and webhooks
 * (receivers are given the latter, never the former). Each is 32 random bytes written as 64 hex digits, whose text
 * is the key, made once by the first process that needs it. An embedded server keeps them in files in its data
 * directory, readable by their owner only; the processes of a cluster (a database shared by several processes) keep
 * them in the database's {@code secrets} table, so that a URL signed by one serve process is valid on another and
 * every worker signs callbacks alike.
 */
final class Secrets {
    private Secrets() {
    }

    /** The secret named {@code name}, made now when there is none. */
    static byte[] get(Database db, Path dataDir, String name) throws IOException {
        return db.exclusive() ? file(dataDir, name) : row(db, name);
    }

    private static byte[] row(Database db, String name) throws IOException {
        try (Connection c = db.dataSource().getConnection()) {
            // Two processes starting at once both insert; the key is the primary key, so one row wins and both read it.
            try (PreparedStatement p = c.prepareStatement(
                    "insert into secrets (name, value) values (?, ?) on conflict (name) do nothing")) {
                p.setString(1, name);
                p.setString(2, fresh());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("select value from secrets where name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new IOException("the secret " + name + " is missing from the job database");
                    }
                    return r.getString(1).getBytes(StandardCharsets.US_ASCII);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the secret " + name + " from the job database: " + e.getMessage(), e);
        }
    }

    private static byte[] file(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(dataDir, ".secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own permissions apply
            }
            Files.writeString(tmp, fresh());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
    }

    private static String fresh() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
