package dev.moviola.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void theCpuLimitFollowsTheLongestMovieAllowedUnlessSet() {
        assertThat(Settings.load(Map.of(), Map.of()).cpuLimit()).isEqualTo(Duration.ofHours(4));
        assertThat(Settings.load(Map.of(), Map.of("MOVIOLA_MAX_DURATION", "60")).cpuLimit())
                .isEqualTo(Duration.ofMinutes(12));
        assertThat(Settings.load(Map.of("cpu-limit", "90"), Map.of("MOVIOLA_MAX_DURATION", "60")).cpuLimit())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(Settings.load(Map.of(), Map.of("MOVIOLA_CPU_LIMIT", "PT1H")).cpuLimit()).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.load(Map.of("cpu-limit", "0"), Map.of()).cpuLimit()).isZero();
    }
}
