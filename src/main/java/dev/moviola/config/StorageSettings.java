package dev.moviola.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a service keeps its job files and, in a cluster, its shared cache (docs/cluster.md#s3-compatible-storage): the local
 * directory in the data directory unless {@code blob-store} names an S3-compatible bucket, which every serve and
 * worker process of a cluster then shares. Credentials are not settings: they come from the AWS default chain
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, …), so they never sit in a
 * Moviola config file or reach its logs.
 *
 * @param bucket    the bucket and key prefix, when {@code blob-store} is {@code s3://bucket/prefix}; empty: local
 * @param endpoint  the S3 API address of R2, MinIO or another S3-compatible store; empty: AWS S3 itself
 * @param region    the region signed into requests ({@code us-east-1} by default; R2 takes {@code auto})
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (MinIO and most
 *                  self-hosted stores need it)
 */
public record StorageSettings(Optional<Bucket> bucket, Optional<URI> endpoint, String region, boolean pathStyle) {

    public static final List<String> KEYS = List.of("blob-store", "s3-endpoint", "s3-region", "s3-path-style");

    /** S3's rule for bucket names (R2 and MinIO follow it): 3 to 63 lowercase letters, digits, '.' and '-'. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /**
     * A bucket and the prefix under which Moviola keeps its keys ({@code prefix/outputs/…}, {@code prefix/cache/…}).
     *
     * @param prefix without leading or trailing '/'; empty for the bucket's root
     */
    public record Bucket(String name, String prefix) {
        /** The full key of one of Moviola's keys in the bucket. */
        public String objectKey(String key) {
            return prefix.isEmpty() ? key : prefix + "/" + key;
        }

        @Override
        public String toString() {
            return "s3://" + name + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }

    public static StorageSettings local() {
        return new StorageSettings(Optional.empty(), Optional.empty(), "us-east-1", false);
    }

    /** Reads the settings from merged values (flags, environment, config file; {@link Settings#merge}). */
    static StorageSettings from(Map<String, String> m) {
        Optional<Bucket> bucket = Optional.ofNullable(m.get("blob-store")).map(String::trim).filter(s -> !s.isEmpty())
                .map(StorageSettings::parseBucket);
        Optional<URI> endpoint = Optional.ofNullable(m.get("s3-endpoint")).map(String::trim).filter(s -> !s.isEmpty())
                .map(StorageSettings::endpoint);
        String region = Optional.ofNullable(m.get("s3-region")).map(String::trim).filter(s -> !s.isEmpty()).orElse("us-east-1");
        if (!region.matches("[a-z0-9-]{2,32}")) {
            throw new InvalidSettingException("setting s3-region: expected a region such as us-east-1 (or auto for R2), got \""
                    + region + "\"");
        }
        return new StorageSettings(bucket, endpoint, region, Settings.bool(m, "s3-path-style", false));
    }

    /** Reads {@code s3://bucket/prefix}; the message of a wrong one says what is expected. */
    public static Bucket parseBucket(String v) {
        String fix = "expected s3://BUCKET or s3://BUCKET/PREFIX (leave it unset to keep files in the data directory), got \""
                + v + "\"";
        if (!v.startsWith("s3://")) {
            throw new InvalidSettingException("setting blob-store: " + fix);
        }
        String rest = v.substring("s3://".length()).replaceAll("/+$", "");
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(name).matches()) {
            throw new InvalidSettingException("setting blob-store: \"" + name + "\" is not a bucket name (3 to 63 lowercase"
                    + " letters, digits, '.' and '-'); " + fix);
        }
        if (!prefix.isEmpty() && (!PREFIX.matcher(prefix).matches() || List.of(prefix.split("/")).contains("..")
                || List.of(prefix.split("/")).contains("."))) {
            throw new InvalidSettingException("setting blob-store: the prefix \"" + prefix + "\" may hold only letters, digits,"
                    + " '.', '_', '-' and single '/' between names; " + fix);
        }
        return new Bucket(name, prefix);
    }

    private static URI endpoint(String v) {
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getUserInfo() != null) {
            throw new InvalidSettingException("setting s3-endpoint: expected the S3 API address, such as"
                    + " https://ACCOUNT.r2.cloudflarestorage.com or http://127.0.0.1:9000, got \"" + v + "\"");
        }
        return uri;
    }
}
