package dev.moviola.net;

import java.net.UnknownHostException;

/**
 * A connection the server will not make: the address is not public, or the URL is not plain http(s). An
 * {@link UnknownHostException} so that it passes through the HTTP client's name lookup unchanged.
 */
public final class Refused extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
        super(message);
    }
}
