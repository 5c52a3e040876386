package dev.moviola.config;

/**
 * A provider's API key: it goes only into the request headers that need it. It never prints: {@link #toString()}
 * says only whether one is set, so a key cannot reach a log, a job result or an error message by accident.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A set key, or null for a value that is absent or blank. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    /** The key itself, for the one header that carries it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
