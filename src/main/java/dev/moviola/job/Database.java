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
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The embedded job database: one SQLite file in the data directory (WAL journal: readers never wait for the
 * writer; a committed job survives a killed process), behind a small connection pool, with its schema brought
 * up to date by the numbered scripts in {@code db/migration/} at every start. The data directory is locked
 * while open: one embedded server per directory ({@link #openShared} lets {@code moviola keys} in beside it).
 */
public final class Database implements AutoCloseable {
    /** The migration scripts, in order; a script is never edited once released, only followed by a new one. */
    static final String[] MIGRATIONS = {"V1__jobs.sql", "V2__deliveries.sql", "V3__scene_tasks.sql"};
    static final String DB_FILE = "moviola.db";

    /** The data directories this process holds the lock of. */
    private static final Set<Path> HELD = new HashSet<>();

    private final HikariDataSource pool;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Path lockedDir;

    private Database(HikariDataSource pool, FileChannel lockFile, FileLock lock, Path lockedDir) {
        this.pool = pool;
        this.lockFile = lockFile;
        this.lock = lock;
        this.lockedDir = lockedDir;
    }

    /** Opens (creating when needed) the database of a data directory and migrates it. */
    public static Database open(Path dataDir, int connections) throws IOException {
        Files.createDirectories(dataDir);
        Database db = locked(dataDir, connections);
        if (db == null) {
            throw new IOException("the data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Moviola server; stop it or choose another --data-dir");
        }
        return migrated(db, dataDir);
    }

    /**
     * Opens the existing database of a data directory for a short administrative command ({@code moviola keys}),
     * whether or not a server is running on it. The {@code .lock} file keeps a second <em>server</em> away (two
     * servers would run the same jobs and share work files); such a command runs no jobs and only reads and
     * writes rows, which SQLite itself makes safe between processes: in WAL mode readers never block, each write
     * is a transaction under SQLite's own file lock (the busy timeout waits for the server's write to end), and
     * the server sees a committed row at its next query. So: when no server holds the lock, it is taken for the
     * command (and the schema migrated, as a server would); when one does, the database is opened without it and
     * used only if its schema is the one this Moviola knows (the server migrated it at start-up).
     *
     * @throws IOException also when the directory has no database (no server ever started there)
     */
    public static Database openShared(Path dataDir) throws IOException {
        if (!Files.isRegularFile(dataDir.resolve(DB_FILE))) {
            throw new IOException("there is no Moviola database in " + dataDir.toAbsolutePath() + "; give the --data-dir"
                    + " of the server (or MOVIOLA_DATA_DIR), or start moviola serve there once to create it");
        }
        Database locked = locked(dataDir, 1);
        if (locked != null) {
            return migrated(locked, dataDir);
        }
        Database db = new Database(pool(dataDir, 1), null, null, null);
        try {
            int version = db.schemaVersion();
            if (version != MIGRATIONS.length) {
                throw new IOException("the database in " + dataDir.toAbsolutePath() + " has schema " + version
                        + " and this Moviola expects " + MIGRATIONS.length + "; the server running on it is of another"
                        + " version: use the same Moviola for both");
            }
            return db;
        } catch (SQLException | IOException | RuntimeException e) {
            db.close();
            throw e instanceof IOException io ? io : new IOException("cannot read the job database in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The database with the data directory's lock taken, or null when a server holds it. A directory this process
     * has locked already is known without opening the lock file again: closing a second channel of the file would
     * release this process's lock on it (POSIX record locks belong to the process, not to the channel).
     */
    private static Database locked(Path dataDir, int connections) throws IOException {
        Path dir = dataDir.toRealPath();
        synchronized (HELD) {
            if (HELD.contains(dir)) {
                return null;
            }
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close(); // another process holds it; this one holds no lock on the file that closing could drop
                return null;
            }
            try {
                HikariDataSource pool = pool(dataDir, connections);
                HELD.add(dir);
                return new Database(pool, ch, lock, dir);
            } catch (RuntimeException e) {
                lock.release();
                ch.close();
                throw e;
            }
        }
    }

    private static HikariDataSource pool(Path dataDir, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(DB_FILE));
        config.setPoolName("moviola-db");
        config.setMaximumPoolSize(connections);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("foreign_keys", "true");
        // Every transaction takes the write lock when it begins: a reader that later writes can then never
        // fail with "database is locked" halfway (SQLite cannot upgrade a read transaction that raced a writer).
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        return new HikariDataSource(config);
    }

    private static Database migrated(Database db, Path dataDir) throws IOException {
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
            int current = schemaVersion(c);
            if (current > MIGRATIONS.length) {
                throw new IOException("the database was made by a newer Moviola (schema " + current + "); this one knows "
                        + MIGRATIONS.length);
            }
            for (int v = current + 1; v <= MIGRATIONS.length; v++) {
                apply(c, v, MIGRATIONS[v - 1]);
            }
        }
    }

    private int schemaVersion() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return schemaVersion(c);
        }
    }

    private static int schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select coalesce(max(version), 0) from schema_version")) {
            return r.next() ? r.getInt(1) : 0;
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
        if (lock == null) {
            return;
        }
        synchronized (HELD) {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                // the process is ending anyway
            }
            HELD.remove(lockedDir);
        }
    }
}
