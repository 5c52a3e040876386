package dev.moviola.job;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.moviola.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job database, opened through its {@link Dialect}, behind a small connection pool, with its schema brought up
 * to date by the dialect's numbered scripts at every start ({@link Migrations}). It is {@link #exclusive()} when
 * this process holds the dialect's claim on it: the embedded SQLite database of a data directory, whose lock keeps
 * one server per directory ({@link #openShared} lets {@code moviola keys} in beside it). A PostgreSQL server
 * ({@link #open(DatabaseUrl, int)}) is shared by the processes of a cluster: never exclusive.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final Dialect dialect;
    /** Where the database is, as the dialect reads it; never holds a password (it is shown in messages). */
    private final String location;
    private final HikariDataSource pool;
    /** Null when other processes may use the database at the same time. */
    private final Dialect.Claim claim;

    private Database(Dialect dialect, String location, HikariDataSource pool, Dialect.Claim claim) {
        this.dialect = dialect;
        this.location = location;
        this.pool = pool;
        this.claim = claim;
    }

    /** Opens (creating when needed) the SQLite database of a data directory, for this process alone, and migrates it. */
    public static Database open(Path dataDir, int connections) throws IOException {
        Files.createDirectories(dataDir);
        Dialect sqlite = Dialect.sqlite();
        String location = dataDir.toString();
        Dialect.Claim claim = sqlite.claim(location).orElseThrow(() -> new IOException("the data directory "
                + dataDir.toAbsolutePath() + " is in use by another Moviola server; stop it or choose another --data-dir"));
        return open(sqlite, location, connections, claim, true);
    }

    /**
     * Opens the PostgreSQL database of the {@code database-url} setting, shared with the cluster's other processes,
     * and migrates it (processes starting at once apply each script once).
     *
     * @throws IOException naming the setting and the server (never the password) when the URL's server cannot be
     *                     reached, refuses the login, or has no such database
     */
    public static Database open(DatabaseUrl url, int connections) throws IOException {
        try {
            return open(Dialect.postgres(url.password()), url.jdbcUrl(), connections, null, true);
        } catch (IOException e) {
            throw new IOException("setting database-url: " + e.getMessage() + " (check that the server runs, that the"
                    + " URL's host, port, database, user and password are right, and that this machine may connect)",
                    e.getCause());
        }
    }

    /**
     * Opens the existing SQLite database of a data directory for a short administrative command ({@code moviola
     * keys}), whether or not a server is running on it. The {@code .lock} file keeps a second <em>server</em> away
     * (two servers would run the same jobs and share work files); such a command runs no jobs and only reads and
     * writes rows, which SQLite itself makes safe between processes: in WAL mode readers never block, each write
     * is a transaction under SQLite's own file lock (the busy timeout waits for the server's write to end), and
     * the server sees a committed row at its next query. So: when no server holds the lock, it is taken for the
     * command (and the schema migrated, as a server would); when one does, the database is opened without it
     * (not {@link #exclusive()}) and used only if its schema is the one this Moviola knows (the server migrated it
     * at start-up).
     *
     * @throws IOException also when the directory has no database (no server ever started there)
     */
    public static Database openShared(Path dataDir) throws IOException {
        if (!Files.isRegularFile(SqliteDialect.file(dataDir.toString()))) {
            throw new IOException("there is no Moviola database in " + dataDir.toAbsolutePath() + "; give the --data-dir"
                    + " of the server (or MOVIOLA_DATA_DIR), or start moviola serve there once to create it");
        }
        Dialect sqlite = Dialect.sqlite();
        String location = dataDir.toString();
        Dialect.Claim claim = sqlite.claim(location).orElse(null);
        Database db = open(sqlite, location, 1, claim, claim != null);
        if (claim != null) {
            return db;
        }
        try {
            int version = db.schemaVersion();
            if (version != Migrations.latest()) {
                throw new IOException("the database in " + dataDir.toAbsolutePath() + " has schema " + version
                        + " and this Moviola expects " + Migrations.latest() + "; the server running on it is of another"
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
     * Opens the database at a location through a dialect; the claim (null when none is held) becomes the database's
     * and is released with it, or at once when opening fails.
     *
     * @param migrate whether to bring the schema up to date
     */
    static Database open(Dialect dialect, String location, int connections, Dialect.Claim claim, boolean migrate)
            throws IOException {
        HikariDataSource pool;
        try {
            HikariConfig config = dialect.pool(location);
            config.setPoolName("moviola-db");
            config.setMaximumPoolSize(connections);
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (claim != null) {
                claim.close();
            }
            throw new IOException("cannot open the " + dialect.name() + " job database in " + location + ": "
                    + e.getMessage(), e);
        }
        Database db = new Database(dialect, location, pool, claim);
        if (migrate) {
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c, dialect);
            } catch (SQLException | IOException | RuntimeException e) {
                db.close();
                throw new IOException("cannot prepare the job database in " + location + ": " + e.getMessage(), e);
            }
        }
        return db;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** What kind of database this is, for the SQL that differs. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Whether this process is the database's only user (it holds the dialect's claim): what it finds unfinished at
     * its start was left by a process that is gone. False when other processes, live ones included, may share it.
     */
    public boolean exclusive() {
        return claim != null;
    }

    /**
     * Tells the other processes on this database that tasks were just scheduled (their schedulers look at once).
     * A failure is logged only: they find the tasks at their next poll anyway.
     */
    public void announceTasks() {
        try {
            dialect.announceTasks(pool);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not announce scheduled tasks ({}); other processes find them at their next poll", e.getMessage());
        }
    }

    /**
     * Calls {@code wake} whenever a process on this database announces tasks, until the subscription is closed.
     *
     * @return empty when there is no such news (a database of one process)
     */
    public Optional<Dialect.Subscription> listenForTasks(Runnable wake) {
        return dialect.listenForTasks(location, wake);
    }

    private int schemaVersion() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return Migrations.version(c);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (claim != null) {
            claim.close();
        }
    }
}
