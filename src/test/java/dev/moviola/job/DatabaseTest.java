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
                    "4 V4__captions.sql", "5 V5__secrets.sql");
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
                    "4 V4__captions.sql", "5 V5__secrets.sql");
            assertThat(new JobStore(db).find("job_old")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.DONE));
        }
        try (Database again = Database.open(dir, 2)) {
            assertThat(versions(again)).hasSize(5);
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
