package dev.moviola.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a service process keeps jobs and files when several processes share them (docs/cluster.md): serve and
 * worker take the same options. Without them, serve runs embedded: everything in its data directory.
 */
final class ClusterOptions {
    @Option(names = "--database-url", paramLabel = "URL", description = "a PostgreSQL database shared by every serve and"
            + " worker process (postgresql://user:password@host:5432/db; default: the embedded database in the data directory)")
    String databaseUrl;

    @Option(names = "--blob-store", paramLabel = "URL", description = "an S3-compatible bucket shared by every process"
            + " (s3://bucket/prefix; default: the data directory's blobs/)")
    String blobStore;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "the bucket's endpoint, for R2, MinIO and others (default: AWS)")
    String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "the bucket's region (default us-east-1; R2: auto)")
    String s3Region;

    @Option(names = "--s3-path-style", arity = "1", paramLabel = "BOOL", description = "address the bucket as ENDPOINT/BUCKET (MinIO) rather than BUCKET.ENDPOINT")
    Boolean s3PathStyle;

    /** Adds the options given to the flags of the service settings. */
    void addTo(Map<String, String> flags) {
        put(flags, "database-url", databaseUrl);
        put(flags, "blob-store", blobStore);
        put(flags, "s3-endpoint", s3Endpoint);
        put(flags, "s3-region", s3Region);
        put(flags, "s3-path-style", s3PathStyle);
    }

    static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }

    /** Library loggers say what serve and worker say better; one line per job phase, not per library. */
    static void quietLibraries() {
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "com.github.kagkarlsson",
                "software.amazon.awssdk", "org.postgresql"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + quiet, "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off"); // says only what serve says better (a taken port)
    }
}
