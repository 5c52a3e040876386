package dev.moviola.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code database-url} setting: a PostgreSQL server shared by the processes of a cluster, as
 * {@code postgresql://user:password@host:port/database?sslmode=require} (the form hosting providers hand out; also
 * {@code postgres://…}) or as the driver's own {@code jdbc:postgresql://host:port/database?user=…&password=…}.
 * It is kept split in two: {@link #jdbcUrl()}, with the user but no password, which may be shown in messages and
 * logs, and the password, a {@link Secret} that goes only to the driver. {@link #toString()} is the JDBC URL, so
 * the password cannot be printed by accident.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host[:port]/database?user=…&…}: every parameter given but the password
 * @param password the password, or null when the server asks none (trust, peer or certificate authentication)
 */
public record DatabaseUrl(String jdbcUrl, Secret password) {
    static final String KEY = "database-url";
    private static final String FORM = "postgresql://user:password@host:5432/database (optionally ?sslmode=require)";

    /**
     * Reads the setting.
     *
     * @throws InvalidSettingException naming the setting and the expected form; the password never in it
     */
    public static DatabaseUrl parse(String value) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = v.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = v.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = v.substring("postgres://".length());
        } else {
            throw invalid(v, "only PostgreSQL is supported as a shared database; expected " + FORM);
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw invalid(v, "not a URL (" + redact(e.getReason()) + "); expected " + FORM
                    + ", with characters such as @ : / ? # in the password written as %40 %3A %2F %3F %23");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(v, "no host; expected " + FORM);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isEmpty() || path.contains("/")) {
            throw invalid(v, "no database name after the host (or more than one); expected " + FORM);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                String name = decode(eq < 0 ? p : p.substring(0, eq));
                String val = eq < 0 ? "" : decode(p.substring(eq + 1));
                if (name.equals("password")) {
                    password = val;
                } else if (name.equals("user")) {
                    user = val;
                } else {
                    params.add(encode(name) + "=" + encode(val));
                }
            }
        }
        if (user != null && !user.isEmpty()) {
            params.add(0, "user=" + encode(user));
        }
        String host = uri.getHost(); // an IPv6 address keeps its brackets
        String jdbc = "jdbc:postgresql://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/" + path
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new DatabaseUrl(jdbc, Secret.of(password));
    }

    /** The URL as it may be shown: the server, database and user, never the password. */
    @Override
    public String toString() {
        return jdbcUrl;
    }

    /**
     * A value as it may appear in a message: everything between {@code ://} and the last {@code @} (user and
     * password, however mistyped) and any {@code password=} parameter replaced.
     */
    static String redact(String value) {
        if (value == null) {
            return null;
        }
        return value.replaceAll("(://).*@", "$1***@").replaceAll("(?i)(password=)[^&#]*", "$1***");
    }

    private static InvalidSettingException invalid(String value, String why) {
        return new InvalidSettingException("setting " + KEY + ": " + why + ", got \"" + redact(value) + "\"");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
