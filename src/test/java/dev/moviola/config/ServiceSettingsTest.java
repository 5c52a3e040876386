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
}
