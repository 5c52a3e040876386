package dev.moviola.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The few JDBC moves the stores make: a statement with arguments, rows read by a function, a transaction. */
final class Sql {
    private Sql() {
    }

    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    static <T> List<T> query(DataSource db, String sql, Row<T> row, Object... args) throws SQLException {
        try (Connection c = db.getConnection()) {
            return query(c, sql, row, args);
        }
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            List<T> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row.read(r));
                }
            }
            return out;
        }
    }

    static int update(DataSource db, String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection()) {
            return update(c, sql, args);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    /**
     * Inserts one row and returns the id the database gave it. Through JDBC's generated keys, asked for by column:
     * PostgreSQL's driver then adds {@code returning id}; SQLite's answers with the connection's
     * {@code last_insert_rowid()} (it has no other way), which is the row's id whatever the column is named.
     */
    static long insert(Connection c, String idColumn, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql, new String[] {idColumn})) {
            bind(p, args);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database gave no " + idColumn + " for the new row: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /** Runs work in one transaction (the database begins it immediately: it holds the write lock throughout). */
    static <T> T transaction(DataSource db, Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.in(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                p.setNull(i + 1, Types.NULL);
            } else if (a instanceof Integer n) {
                p.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                p.setLong(i + 1, n);
            } else if (a instanceof Double d) {
                p.setDouble(i + 1, d);
            } else if (a instanceof Boolean b) {
                p.setBoolean(i + 1, b);
            } else {
                p.setString(i + 1, a.toString());
            }
        }
    }
}
