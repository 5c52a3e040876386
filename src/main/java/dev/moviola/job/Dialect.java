package dev.moviola.job;

import com.zaxxer.hikari.HikariConfig;
import dev.moviola.config.Secret;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What differs between the databases jobs can live in; the rest (the tables' use, db-scheduler's task tables)
 * is SQL they all accept. New ids are read with JDBC's generated keys, which every driver answers its own way,
 * so that is not here. SQLite ({@link #sqlite()}): the embedded database of one server; PostgreSQL
 * ({@link #postgres}): a server shared by the processes of a cluster.
 */
public interface Dialect {
    /** The database's name, for messages. */
    String name();

    /**
     * The connection pool's settings for the database at {@code location} (SQLite: the data directory holding the
     * file); the caller names and sizes the pool.
     */
    HikariConfig pool(String location);

    /**
     * The classpath directory (no leading slash, a trailing one) of this database's migration scripts. Every
     * dialect has the same scripts, by name and number ({@link Migrations#SCRIPTS}), each written in its own SQL,
     * so {@code schema_version} means the same whatever the database.
     */
    String migrations();

    /**
     * A condition on {@code column} and the statement's next parameter, true when they are equal or both null
     * ({@code =} is never true of a null).
     */
    String nullSafeEquals(String column);

    /**
     * Makes this process the only user of the database at {@code location}, when this kind of database has a way
     * to. A process holding the claim may treat whatever it finds unfinished at its start as abandoned by a process
     * that died; one without it shares the database with live processes.
     *
     * @return the claim, held until closed; empty when another process holds it, or when the database is one that
     *         several processes share by design (a database server)
     */
    Optional<Claim> claim(String location) throws IOException;

    /**
     * Keeps other processes from changing the schema until the connection's transaction ends: called first in
     * each migration's transaction, so processes starting at once against a new database apply each script once.
     * Nothing where the {@linkplain #claim claim} already keeps other processes away.
     */
    default void lockSchema(Connection c) throws SQLException {
    }

    /**
     * Whether due tasks can be picked in one statement that skips rows other processes are picking
     * ({@code select … for update skip locked}): many processes woken at once then split the due tasks between
     * them instead of racing for the same ones.
     */
    default boolean picksSkippingLocked() {
        return false;
    }

    /**
     * Makes the transactions on {@code c} that lock the same {@code name} run one after another, until the
     * caller's transaction ends: for a check and a write that must not interleave with another's (counting a key's
     * active jobs before adding one). Nothing where every writing transaction already holds the database's one
     * write lock (SQLite).
     */
    default void lock(Connection c, String name) throws SQLException {
    }

    /**
     * Tells the other processes sharing the database that tasks were scheduled, so their schedulers look for due
     * ones now rather than at their next poll. Nothing where no other process runs tasks (the claim).
     */
    default void announceTasks(DataSource db) throws SQLException {
    }

    /**
     * Calls {@code wake} whenever a process {@linkplain #announceTasks announces tasks} on the database at
     * {@code location}, until closed.
     *
     * @return empty when this kind of database has no such news (one process: its schedulers wake themselves)
     */
    default Optional<Subscription> listenForTasks(String location, Runnable wake) {
        return Optional.empty();
    }

    /** News being listened to, until closed. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A process's exclusive hold on a database. */
    interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /** The embedded database: one SQLite file in the data directory. */
    static Dialect sqlite() {
        return SqliteDialect.INSTANCE;
    }

    /**
     * A PostgreSQL server, at a location that is its JDBC URL without the password.
     *
     * @param password the password, given to the driver only; null when the server asks none
     */
    static Dialect postgres(Secret password) {
        return new PostgresDialect(password);
    }
}
