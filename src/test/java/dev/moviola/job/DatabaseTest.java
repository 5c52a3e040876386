package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import dev.moviola.cluster.LocalPostgres;
import dev.moviola.config.DatabaseUrl;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job database opened through its dialect: migrations from the dialect's directory, exclusivity. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseGetsEveryScriptFromTheDialectsDirectory() throws Exception {
        assertThat(Database.class.getResource("/db/migration/sqlite/V1__jobs.sql")).isNotNull();
        try (Database db = Database.open(dir, 2)) {
            assertThat(db.dialect()).isSameAs(Dialect.sqlite());
            assertThat(db.exclusive()).isTrue();
            assertThat(versions(db)).containsExactly("1 V1__jobs.sql", "2 V2__deliveries.sql", "3 V3__scene_tasks.sql",
                    "4 V4__captions.sql", "5 V5__secrets.sql", "6 V6__jobs_status.sql");
            assertThat(Sql.query(db.dataSource(), "select count(*) from scene_tasks", r -> r.getInt(1))).containsExactly(0);
        }
    }

    /** A database made before the scripts moved (same table, same script names) takes only what it lacks. */
    @Test
    void anExistingDatabaseKeepsItsRowsAndTakesOnlyTheScriptsItLacks() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDialect.DB_FILE));
                Statement s = c.createStatement()) {
            s.execute("create table schema_version (version integer primary key, script text not null,"
                    + " applied_at text not null)");
            for (String script : List.of("V1__jobs.sql", "V2__deliveries.sql")) {
                for (String statement : script(script).replaceAll("(?m)--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
            s.execute("insert into schema_version values (1, 'V1__jobs.sql', '2024-01-01T00:00:00Z'),"
                    + " (2, 'V2__deliveries.sql', '2024-01-02T00:00:00Z')");
            s.execute("insert into jobs (id, project, status, request, created_at, updated_at)"
                    + " values ('job_old', 'old', 'done', '{}', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
        }
        try (Database db = Database.open(dir, 2)) {
            assertThat(Sql.query(db.dataSource(), "select version || ' ' || script || ' ' || applied_at from schema_version"
                    + " where version < 3 order by version", r -> r.getString(1)))
                    .containsExactly("1 V1__jobs.sql 2024-01-01T00:00:00Z", "2 V2__deliveries.sql 2024-01-02T00:00:00Z");
            assertThat(versions(db)).containsExactly("1 V1__jobs.sql", "2 V2__deliveries.sql", "3 V3__scene_tasks.sql",
                    "4 V4__captions.sql", "5 V5__secrets.sql", "6 V6__jobs_status.sql");
            assertThat(new JobStore(db).find("job_old")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.DONE));
        }
        try (Database again = Database.open(dir, 2)) {
            assertThat(versions(again)).hasSize(Migrations.latest());
        }
    }

    @Test
    void scriptsAreReadFromTheDialectsDirectoryOnly() throws IOException {
        Files.createDirectories(dir);
        Dialect elsewhere = new Dialect() {
            @Override
            public String name() {
                return "SQLite elsewhere";
            }

            @Override
            public HikariConfig pool(String location) {
                return Dialect.sqlite().pool(location);
            }

            @Override
            public String migrations() {
                return "db/migration/elsewhere/";
            }

            @Override
            public String nullSafeEquals(String column) {
                return Dialect.sqlite().nullSafeEquals(column);
            }

            @Override
            public Optional<Claim> claim(String location) {
                return Optional.empty();
            }
        };
        assertThatThrownBy(() -> Database.open(elsewhere, dir.toString(), 1, null, true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing migration script db/migration/elsewhere/V1__jobs.sql");
    }

    /** {@code openShared} beside a server: usable, but not the database's only user; alone, it is. */
    @Test
    void aSharedOpeningIsExclusiveOnlyWhenNoServerHoldsTheDirectory() throws IOException {
        try (Database server = Database.open(dir, 2)) {
            assertThatThrownBy(() -> Database.open(dir, 2)).isInstanceOf(IOException.class).hasMessageContaining("in use");
            try (Database beside = Database.openShared(dir)) {
                assertThat(beside.exclusive()).isFalse();
                assertThat(beside.dialect()).isSameAs(Dialect.sqlite());
            }
            assertThat(server.exclusive()).isTrue();
        }
        try (Database alone = Database.openShared(dir)) {
            assertThat(alone.exclusive()).isTrue();
        }
    }

    @Test
    void everyDialectHasEveryScriptByTheSameName() {
        for (Dialect d : List.of(Dialect.sqlite(), Dialect.postgres(null))) {
            for (String script : Migrations.SCRIPTS) {
                assertThat(Database.class.getResource("/" + d.migrations() + script)).as(d.name() + " " + script).isNotNull();
            }
        }
    }

    /** A PostgreSQL database gets the same schema, from its own scripts, and is shared: no process claims it. */
    @Test
    void aPostgresDatabaseGetsEveryScriptFromItsDirectoryAndIsShared() throws Exception {
        try (Database db = Database.open(DatabaseUrl.parse(LocalPostgres.shared().createDatabase()), 2)) {
            assertThat(db.dialect().name()).isEqualTo("PostgreSQL");
            assertThat(db.exclusive()).isFalse();
            assertThat(versions(db)).containsExactly("1 V1__jobs.sql", "2 V2__deliveries.sql", "3 V3__scene_tasks.sql",
                    "4 V4__captions.sql", "5 V5__secrets.sql", "6 V6__jobs_status.sql");
            for (String table : List.of("scheduled_tasks", "scene_tasks", "delivery_tasks", "job_parts", "api_keys",
                    "secrets")) {
                assertThat(Sql.query(db.dataSource(), "select count(*) from " + table, r -> r.getInt(1))).containsExactly(0);
            }
        }
    }

    /**
     * Processes starting at once against a new database: each script is applied once, and every process opens it
     * (without the schema lock, the second would fail creating a table the first just made).
     */
    @Test
    void processesStartingAtOnceOnANewPostgresDatabaseMigrateItOnce() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                DatabaseUrl url = DatabaseUrl.parse(pg.createDatabase());
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<Database>> opened = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    opened.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return Database.open(url, 1);
                    }));
                }
                List<Database> dbs = new ArrayList<>();
                for (Future<Database> f : opened) {
                    dbs.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(versions(dbs.get(0))).hasSize(Migrations.latest());
                dbs.forEach(Database::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A server that is not there: the message names the setting and the server, never the password. */
    @Test
    void anUnreachablePostgresNamesTheSettingButNotThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DatabaseUrl url = DatabaseUrl.parse("postgresql://moviola:s3cret-pw@127.0.0.1:" + port + "/moviola");
        assertThatThrownBy(() -> Database.open(url, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("setting database-url")
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void aMissingPostgresDatabaseIsNamed() {
        DatabaseUrl url = DatabaseUrl.parse(LocalPostgres.shared().url("no_such_db"));
        assertThatThrownBy(() -> Database.open(url, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("setting database-url")
                .hasMessageContaining("no_such_db");
    }

    private static List<String> versions(Database db) throws SQLException {
        return Sql.query(db.dataSource(), "select version || ' ' || script from schema_version order by version",
                r -> r.getString(1));
    }

    private static String script(String name) throws IOException {
        try (InputStream in = DatabaseTest.class.getResourceAsStream("/db/migration/sqlite/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
