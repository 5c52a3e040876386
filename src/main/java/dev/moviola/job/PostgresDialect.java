package dev.moviola.job;

import com.zaxxer.hikari.HikariConfig;
import dev.moviola.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * PostgreSQL: one server shared by every process of a cluster (docs/cluster.md), at a location that is the JDBC URL
 * without the password, which this dialect keeps and hands only to the driver. Nobody claims it: what a process
 * finds unfinished may be running elsewhere. Schema changes are serialised with a transaction-scoped advisory
 * lock, and scheduled tasks are announced with {@code NOTIFY} on {@value #CHANNEL}, so every process's
 * schedulers look for them at once instead of at their next poll.
 */
final class PostgresDialect implements Dialect {
    /** The channel on which task scheduling is announced. */
    static final String CHANNEL = "moviola_tasks";
    /** The advisory lock held while the schema changes: "moviola" in ASCII, a key no other program is likely to use. */
    static final long SCHEMA_LOCK = 0x6d6f76696f6c61L;
    /** The first key of the named locks ({@link #lock}): "mv". */
    static final int NAMED_LOCKS = 0x6d76;
    /** Seconds to wait for the server when connecting, before the setting is reported unreachable. */
    private static final String CONNECT_TIMEOUT = "10";

    private final Secret password;

    PostgresDialect(Secret password) {
        this.password = password;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public HikariConfig pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (password != null) {
            config.setPassword(password.reveal());
        }
        properties().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        return config;
    }

    /** Driver settings of every connection: a bounded wait for the server, and a name the server shows. */
    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", CONNECT_TIMEOUT);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "moviola");
        return p;
    }

    /** A connection of its own, outside the pool (a listener holds it for as long as it listens). */
    Connection connect(String jdbcUrl) throws SQLException {
        Properties p = properties();
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        return DriverManager.getConnection(jdbcUrl, p);
    }

    @Override
    public String migrations() {
        return "db/migration/postgres/";
    }

    @Override
    public String nullSafeEquals(String column) {
        return column + " is not distinct from ?";
    }

    /** A server is shared by design: there is no claim to take. */
    @Override
    public Optional<Claim> claim(String location) {
        return Optional.empty();
    }

    /**
     * Waits for, then holds until the transaction ends, the schema's advisory lock: a second process starting at
     * once waits here, then finds the scripts applied ({@code create table if not exists} alone would race).
     */
    @Override
    public void lockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        }
    }

    @Override
    public boolean picksSkippingLocked() {
        return true;
    }

    /**
     * A transaction-scoped advisory lock on the name's hash, in a key space of Moviola's own (the two-key form,
     * which never meets the one-key {@link #SCHEMA_LOCK}). Two names may share a hash: they then merely take turns.
     */
    @Override
    public void lock(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_advisory_xact_lock(" + NAMED_LOCKS + ", hashtext(?))")) {
            p.setString(1, name);
            p.executeQuery().close();
        }
    }

    @Override
    public void announceTasks(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("notify " + CHANNEL);
        }
    }

    @Override
    public Optional<Subscription> listenForTasks(String jdbcUrl, Runnable wake) {
        return Optional.of(PostgresTaskListener.start(() -> connect(jdbcUrl), CHANNEL, wake));
    }
}
