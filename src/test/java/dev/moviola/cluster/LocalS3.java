package dev.moviola.cluster;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server in this JVM for tests and bench scripts: S3Proxy (Apache-2.0) over a directory, on a free
 * loopback port, checking AWS signatures (V2 or V4) against one fixed key pair, so a client that signs wrongly or
 * with the wrong secret fails here as it would against S3.
 *
 * <p>S3Proxy 4.x carries its own Jetty relocated inside its jar ({@code org.gaul.shaded.org.eclipse.jetty}) and no
 * longer uses jclouds, so it shares this JVM with Javalin's Jetty 12 without a clash; no child JVM is needed.
 *
 * <p>{@code main} starts one and prints {@code endpoint=… access-key=… secret-key=…}, then stays up until killed:
 * {@code bench/local-s3.sh DIR BUCKET…} runs it with the test classpath (and jackson-annotations 2.22 first, which
 * S3Proxy's Jackson 3 needs, as surefire's configuration does for the tests).
 */
public final class LocalS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStore store;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(S3Proxy proxy, BlobStore store, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.store = store;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a server keeping its buckets as directories under {@code dir}. */
    public static LocalS3 start(Path dir) throws Exception {
        Files.createDirectories(dir);
        String accessKey = "moviola-test";
        String secretKey = "secret-" + UUID.randomUUID();
        BlobStore store = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(16)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 20 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new LocalS3(proxy, store, accessKey, secretKey);
    }

    /** The S3 API address, {@code http://127.0.0.1:PORT}: use it with path-style requests. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public void createBucket(String name) {
        store.createContainer(name);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("moviola-local-s3");
        LocalS3 s3 = start(dir);
        for (int i = 1; i < args.length; i++) {
            s3.createBucket(args[i]);
        }
        System.out.println("endpoint=" + s3.endpoint() + " access-key=" + s3.accessKey() + " secret-key=" + s3.secretKey()
                + " dir=" + dir.toAbsolutePath());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s3.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
