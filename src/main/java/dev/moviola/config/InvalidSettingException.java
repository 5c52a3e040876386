package dev.moviola.config;

/**
 * A setting (flag, environment variable or config file line) that cannot be used: the message names it and says what
 * it expects, and is shown as it is, without a stack trace.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
