package dev.moviola.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per process that {@code LISTEN}s on a channel over a connection of its own and calls {@code wake} on
 * every notification, so a task another process schedules starts here within a fraction of a second. When the
 * connection fails it reconnects (and wakes once, for what it may have missed); meanwhile the schedulers' polling
 * finds the tasks, later.
 */
final class PostgresTaskListener implements Dialect.Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTaskListener.class);
    /** How long one wait for notifications lasts: also how soon a close is seen. */
    private static final int WAIT_MILLIS = 250;
    private static final Duration RETRY = Duration.ofSeconds(2);

    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean closed;

    private PostgresTaskListener(Connector connector, String channel, Runnable wake) {
        this.connector = connector;
        this.channel = channel;
        this.wake = wake;
        this.thread = new Thread(this, "moviola-task-listener");
        thread.setDaemon(true);
    }

    static PostgresTaskListener start(Connector connector, String channel, Runnable wake) {
        PostgresTaskListener l = new PostgresTaskListener(connector, channel, wake);
        l.thread.start();
        return l;
    }

    @Override
    public void run() {
        boolean failing = false;
        while (!closed) {
            try (Connection c = connector.connect()) {
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + channel);
                }
                if (failing) {
                    LOG.info("listening for scheduled tasks again");
                    failing = false;
                    wake.run(); // what was announced while the connection was down
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] news = pg.getNotifications(WAIT_MILLIS);
                    if (news != null && news.length > 0) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    LOG.warn("cannot listen for scheduled tasks ({}); other processes' tasks start at the next poll"
                            + " until the database is back", e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops listening; returns once the thread has let its connection go (at most a wait or a retry later). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(RETRY.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
