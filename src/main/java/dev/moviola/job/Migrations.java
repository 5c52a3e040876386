package dev.moviola.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Brings a job database's schema up to date: the numbered scripts in the dialect's directory, each applied once in
 * a transaction of its own and recorded in {@code schema_version} (version, script name, when). Safe when several
 * processes start at once on a shared database (the dialect's {@link Dialect#lockSchema schema lock}).
 */
final class Migrations {
    /**
     * The scripts, in order, the same names in every dialect's directory; a script is never edited once released,
     * only followed by a new one.
     */
    static final String[] SCRIPTS = {"V1__jobs.sql", "V2__deliveries.sql", "V3__scene_tasks.sql", "V4__captions.sql",
            "V5__secrets.sql", "V6__jobs_status.sql"};

    private Migrations() {
    }

    /** The schema this Moviola knows. */
    static int latest() {
        return SCRIPTS.length;
    }

    /**
     * Applies the scripts the database has not had yet, each in a transaction that first takes the dialect's
     * schema lock and then reads the version: a process that starts while another migrates waits, then finds the
     * script applied and goes on with the next (or none).
     */
    static void migrate(Connection c, Dialect dialect) throws SQLException, IOException {
        while (migrateOne(c, dialect)) {
            // the next script, if any
        }
    }

    /** Applies the next script the database lacks: false when it has them all. */
    private static boolean migrateOne(Connection c, Dialect dialect) throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            dialect.lockSchema(c);
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists schema_version (version integer primary key, script text not null,"
                        + " applied_at text not null)");
            }
            int current = version(c);
            if (current > latest()) {
                throw new IOException("the database was made by a newer Moviola (schema " + current + "); this one knows "
                        + latest());
            }
            boolean more = current < latest();
            if (more) {
                apply(c, current + 1, dialect.migrations() + SCRIPTS[current]);
            }
            c.commit();
            return more;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The schema a database has: 0 when new. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select coalesce(max(version), 0) from schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** Runs a script in the caller's transaction; {@code schema_version} records its file name only, as it always has. */
    private static void apply(Connection c, int version, String resource) throws SQLException, IOException {
        String sql;
        try (InputStream in = Migrations.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("missing migration script " + resource + " on the class path");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("insert into schema_version values (?, ?, ?)")) {
            p.setInt(1, version);
            p.setString(2, SCRIPTS[version - 1]);
            p.setString(3, Instant.now().toString());
            p.executeUpdate();
        }
    }
}
