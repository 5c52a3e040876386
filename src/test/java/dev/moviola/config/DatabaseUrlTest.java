package dev.moviola.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The database-url setting in the forms hosting providers and the driver use; its password never shows. */
class DatabaseUrlTest {
    @Test
    void theProvidersFormBecomesTheDriversWithThePasswordApart() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://moviola:p%40ss:w0rd@db.example:6543/jobs?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/jobs?user=moviola&sslmode=require");
        assertThat(url.password().reveal()).isEqualTo("p@ss:w0rd");
        assertThat(url.toString()).doesNotContain("w0rd");
    }

    @Test
    void theDriversFormAndPostgresSchemeAreAccepted() {
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://10.0.0.5/moviola?user=app&password=secret&sslmode=verify-full");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5/moviola?user=app&sslmode=verify-full");
        assertThat(jdbc.password().reveal()).isEqualTo("secret");
        DatabaseUrl noPassword = DatabaseUrl.parse("postgres://app@[::1]:5432/moviola");
        assertThat(noPassword.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/moviola?user=app");
        assertThat(noPassword.password()).isNull();
    }

    @Test
    void aMalformedUrlNamesTheSettingAndTheFormButNeverThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://app:hunter2@db/moviola"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("setting database-url")
                .hasMessageContaining("postgresql://user:password@host:5432/database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:hunter2@db.example:5432"))
                .hasMessageContaining("no database name")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:hun@ter2@/moviola"))
                .hasMessageContaining("setting database-url")
                .hasMessageNotContaining("ter2")
                .hasMessageNotContaining("hun");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db/x?password=hunter2&sslmode=bad mode"))
                .hasMessageContaining("setting database-url")
                .hasMessageNotContaining("hunter2");
    }
}
