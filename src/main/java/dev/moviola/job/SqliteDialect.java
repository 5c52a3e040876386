package dev.moviola.job;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * SQLite: one file, {@value #DB_FILE}, in the data directory, in WAL mode (readers never wait for the writer; a
 * committed job survives a killed process). The data directory's lock makes a server its only user.
 */
final class SqliteDialect implements Dialect {
    static final SqliteDialect INSTANCE = new SqliteDialect();
    static final String DB_FILE = "moviola.db";

    private SqliteDialect() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public HikariConfig pool(String dataDir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file(dataDir));
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("foreign_keys", "true");
        // Every transaction takes the write lock when it begins: a reader that later writes can then never
        // fail with "database is locked" halfway (SQLite cannot upgrade a read transaction that raced a writer).
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // New rows' ids come from Statement.getGeneratedKeys (the driver's default, said here because the
        // stores rely on it): the driver answers with the connection's last_insert_rowid().
        config.addDataSourceProperty("jdbc.get_generated_keys", "true");
        return config;
    }

    @Override
    public String migrations() {
        return "db/migration/sqlite/";
    }

    /** SQLite's {@code is} compares like {@code =} but nulls equal. */
    @Override
    public String nullSafeEquals(String column) {
        return column + " is ?";
    }

    /** The data directory's lock: one server per directory, so it may clean up after the one before it. */
    @Override
    public Optional<Claim> claim(String dataDir) throws IOException {
        return Optional.ofNullable(DataDirLock.tryLock(Path.of(dataDir)));
    }

    /** The database file of a data directory. */
    static Path file(String dataDir) {
        return Path.of(dataDir).toAbsolutePath().resolve(DB_FILE);
    }
}
