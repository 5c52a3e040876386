package dev.moviola.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The embedded job database: one SQLite file in the data directory (WAL journal: readers never wait for the
 * writer; a committed job survives a killed process), behind a small connection pool, with its schema brought
 * up to date by the numbered scripts in {@code db/migration/} at every start. The data directory is locked
 * while open: one embedded server per directory.
 */
public final class Database implements AutoCloseable {
    /** The migration scripts, in order; a script is never edited once released, only followed by a new one. */
    static final String[] MIGRATIONS = {"V1__jobs.sql", "V2__deliveries.sql", "V3__scene_tasks.sql"};

    private final HikariDataSource pool;
    private final FileChannel lockFile;
    private final FileLock lock;

    private Database(HikariDataSource pool, FileChannel lockFile, FileLock lock) {
        this.pool = pool;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Opens (creating when needed) the database of a data directory and migrates it. */
    public static Database open(Path dataDir, int connections) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel ch = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new IOException("the data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Moviola server; stop it or choose another --data-dir");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("moviola.db"));
        config.setPoolName("moviola-db");
        config.setMaximumPoolSize(connections);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("foreign_keys", "true");
        // Every transaction takes the write lock when it begins: a reader that later writes can then never
        // fail with "database is locked" halfway (SQLite cannot upgrade a read transaction that raced a writer).
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        HikariDataSource pool = new HikariDataSource(config);
        Database db = new Database(pool, ch, lock);
        try {
            db.migrate();
        } catch (SQLException | IOException | RuntimeException e) {
            db.close();
            throw new IOException("cannot prepare the job database in " + dataDir + ": " + e.getMessage(), e);
        }
        return db;
    }

    public DataSource dataSource() {
        return pool;
    }

    private void migrate() throws SQLException, IOException {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists schema_version (version integer primary key, script text not null,"
                        + " applied_at text not null)");
            }
            int current = 0;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select coalesce(max(version), 0) from schema_version")) {
                if (r.next()) {
                    current = r.getInt(1);
                }
            }
            if (current > MIGRATIONS.length) {
                throw new IOException("the database was made by a newer Moviola (schema " + current + "); this one knows "
                        + MIGRATIONS.length);
            }
            for (int v = current + 1; v <= MIGRATIONS.length; v++) {
                apply(c, v, MIGRATIONS[v - 1]);
            }
        }
    }

    private static void apply(Connection c, int version, String script) throws SQLException, IOException {
        String sql;
        try (InputStream in = Database.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IOException("missing migration " + script);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement p = c.prepareStatement("insert into schema_version values (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.setString(3, Instant.now().toString());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public void close() {
        pool.close();
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            // the process is ending anyway
        }
    }
}
