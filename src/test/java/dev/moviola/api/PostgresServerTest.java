package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.cluster.LocalPostgres;
import dev.moviola.testing.Decoded;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * {@code moviola serve} with {@code database-url}: the API's jobs, keys and tasks live in PostgreSQL (the data
 * directory keeps only files), and a job renders as with the embedded database.
 */
class PostgresServerTest extends ServerTest {
    String url;

    @Override
    Map<String, String> settings() {
        url = LocalPostgres.shared().createDatabase();
        return Map.of("database-url", url);
    }

    @org.junit.jupiter.api.Test
    void aJobSubmittedToTheServerIsKeptAndRunInPostgres() throws Exception {
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("red", "blue") + "}", 202)
                .path("jobId").asText();
        JsonNode job = awaitJob(jobId);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        Path out = download(job.path("outputUrl").asText(), dir.resolve("out.mp4"));
        assertThat(Decoded.probe(out).duration()).isBetween(1.9, 2.1);

        String jdbc = LocalPostgres.shared().jdbcUrl(url.substring(url.lastIndexOf('/') + 1));
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select status, attempts from jobs where id = '" + jobId + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("done");
            assertThat(r.getInt(2)).isEqualTo(1);
        }
        assertThat(dir.resolve("data/moviola.db")).as("no embedded database").doesNotExist();
    }
}
