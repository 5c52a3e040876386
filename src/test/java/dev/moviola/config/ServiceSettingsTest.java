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
}
