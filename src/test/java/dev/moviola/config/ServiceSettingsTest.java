package dev.moviola.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {
    @Test
    void rateLimitComesFromTheFlagThenTheEnvironmentElse600AndZeroTurnsItOff() {
        assertThat(ServiceSettings.load(Map.of(), Map.of()).rateLimit()).isEqualTo(600);
        assertThat(ServiceSettings.load(Map.of(), Map.of("MOVIOLA_RATE_LIMIT", "0")).rateLimit()).isZero();
        assertThat(ServiceSettings.load(Map.of("rate-limit", "5"), Map.of("MOVIOLA_RATE_LIMIT", "0")).rateLimit()).isEqualTo(5);
        for (String bad : new String[] {"-1", "lots", "2000000"}) {
            assertThatThrownBy(() -> ServiceSettings.load(Map.of("rate-limit", bad), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("setting rate-limit").hasMessageContaining("\"" + bad + "\"");
        }
    }

    /** No database-url: the embedded database; given (flag, environment or config file), PostgreSQL, its password kept apart. */
    @Test
    void databaseUrlAndTaskTimingComeFromTheSettings() {
        ServiceSettings defaults = ServiceSettings.load(Map.of(), Map.of());
        assertThat(defaults.databaseUrl()).isEmpty();
        assertThat(defaults.taskPoll()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(defaults.taskHeartbeat()).isEqualTo(java.time.Duration.ofSeconds(10));

        ServiceSettings cluster = ServiceSettings.load(Map.of("task-heartbeat", "0.2"),
                Map.of("MOVIOLA_DATABASE_URL", "postgresql://app:pw@db:5432/moviola", "MOVIOLA_TASK_POLL", "30"));
        assertThat(cluster.databaseUrl()).hasValueSatisfying(u -> {
            assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/moviola?user=app");
            assertThat(u.password().reveal()).isEqualTo("pw");
        });
        assertThat(cluster.toString()).doesNotContain(":pw").doesNotContain("=pw");
        assertThat(cluster.taskPoll()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(cluster.taskHeartbeat()).isEqualTo(java.time.Duration.ofMillis(200));

        assertThatThrownBy(() -> ServiceSettings.load(Map.of("task-heartbeat", "0"), Map.of()))
                .hasMessageContaining("setting task-heartbeat");
        assertThatThrownBy(() -> ServiceSettings.load(Map.of("database-url", "sqlite:///x.db"), Map.of()))
                .hasMessageContaining("setting database-url");
    }

    @Test
    void blobStoreIsTheDataDirectoryUnlessABucketIsNamedWithItsEndpointRegionAndPathStyle() {
        StorageSettings local = ServiceSettings.load(Map.of(), Map.of()).storage();
        assertThat(local.bucket()).isEmpty();
        assertThat(local.region()).isEqualTo("us-east-1");
        assertThat(local.pathStyle()).isFalse();

        StorageSettings r2 = ServiceSettings.load(Map.of(), Map.of("MOVIOLA_BLOB_STORE", "s3://moviola-renders/prod/",
                "MOVIOLA_S3_ENDPOINT", "https://abc123.r2.cloudflarestorage.com", "MOVIOLA_S3_REGION", "auto")).storage();
        assertThat(r2.bucket()).hasValue(new StorageSettings.Bucket("moviola-renders", "prod"));
        assertThat(r2.bucket().get().objectKey("outputs/job_1/output.mp4")).isEqualTo("prod/outputs/job_1/output.mp4");
        assertThat(r2.endpoint().map(Object::toString)).hasValue("https://abc123.r2.cloudflarestorage.com");
        assertThat(r2.region()).isEqualTo("auto");

        StorageSettings minio = ServiceSettings.load(Map.of("blob-store", "s3://renders", "s3-endpoint", "http://127.0.0.1:9000",
                "s3-path-style", "true"), Map.of()).storage();
        assertThat(minio.bucket().get().prefix()).isEmpty();
        assertThat(minio.bucket().get().objectKey("outputs/x")).isEqualTo("outputs/x");
        assertThat(minio.pathStyle()).isTrue();
    }

    @Test
    void aWrongBlobStoreEndpointOrPathStyleNamesTheSettingAndWhatIsExpected() {
        String[][] cases = {{"blob-store", "/var/lib/moviola", "expected s3://BUCKET"}, {"blob-store", "s3://Bad_Bucket/x",
                "is not a bucket name"}, {"blob-store", "s3://renders/../up", "the prefix"}, {"s3-endpoint",
                "r2.cloudflarestorage.com", "expected the S3 API address"}, {"s3-path-style", "maybe", "expected true or false"},
                {"s3-region", "US East", "expected a region"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> ServiceSettings.load(Map.of(c[0], c[1]), Map.of()))
                    .as(c[0] + "=" + c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("setting " + c[0])
                    .hasMessageContaining(c[2])
                    .hasMessageContaining("\"" + c[1] + "\"");
        }
    }
}
