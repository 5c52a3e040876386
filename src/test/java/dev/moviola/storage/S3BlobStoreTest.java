package dev.moviola.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.cluster.LocalS3;
import dev.moviola.config.StorageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The bucket store against an S3-compatible server (S3Proxy) in this JVM, signing every request as S3 wants. */
class S3BlobStoreTest {
    @TempDir
    static Path shared;
    static LocalS3 s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start(shared.resolve("s3"));
        s3.createBucket("jobs");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static S3Client client(String secret) {
        return S3BlobStore.client(Optional.of(URI.create(s3.endpoint())), "us-east-1", true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)));
    }

    private static S3BlobStore store(String bucketAndPrefix) {
        return new S3BlobStore(client(s3.secretKey()), StorageSettings.parseBucket(bucketAndPrefix), 6L << 20, 5L << 20);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aPutBlobReadsBackWholeByGetSizeAndRangedOpen() throws IOException {
        try (S3BlobStore store = store("s3://jobs/tenant-a")) {
            byte[] bytes = random(100_000, 1);
            store.put("outputs/job_1/output.mp4", file("in.bin", bytes));

            assertThat(store.size("outputs/job_1/output.mp4")).contains(100_000L);
            Path out = dir.resolve("out.bin");
            Files.writeString(out, "old contents are replaced");
            store.get("outputs/job_1/output.mp4", out);
            assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
            try (InputStream in = store.open("outputs/job_1/output.mp4", 99_000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 99_000, 100_000));
            }
            try (InputStream in = store.open("outputs/job_1/output.mp4", 0)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            try (InputStream in = store.open("outputs/job_1/output.mp4", 100_000)) {
                assertThat(in.readAllBytes()).isEmpty();
            }
            try (InputStream in = store.open("outputs/job_1/output.mp4", 500, 1000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 500, 1500));
            }
            try (InputStream in = store.open("outputs/job_1/output.mp4", 99_990, 1000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 99_990, 100_000));
            }
        }
    }

    @Test
    void keysLiveUnderTheConfiguredPrefixSoTwoPrefixesInOneBucketDoNotMeet() throws IOException {
        try (S3BlobStore a = store("s3://jobs/one"); S3BlobStore b = store("s3://jobs/two");
                S3BlobStore root = store("s3://jobs")) {
            a.put("outputs/job_2/output.mp4", file("a.bin", new byte[] {1, 2, 3}));
            assertThat(b.size("outputs/job_2/output.mp4")).isEmpty();
            assertThat(root.size("one/outputs/job_2/output.mp4")).contains(3L);
        }
    }

    @Test
    void aMissingKeyHasNoSizeAndReadsAsNoSuchFileNamingTheBucketAndKey() throws IOException {
        try (S3BlobStore store = store("s3://jobs/tenant-b")) {
            assertThat(store.size("outputs/nothing/output.mp4")).isEmpty();
            assertThatThrownBy(() -> store.open("outputs/nothing/output.mp4", 0)).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("s3://jobs/tenant-b/outputs/nothing/output.mp4");
            assertThatThrownBy(() -> store.get("outputs/nothing/output.mp4", dir.resolve("x")))
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(dir.resolve("x")).doesNotExist();
        }
    }

    @Test
    void deleteAllRemovesEveryKeyUnderAPrefixAndNothingBeside() throws IOException {
        try (S3BlobStore store = store("s3://jobs/tenant-c")) {
            Path f = file("f.bin", new byte[] {7});
            for (int i = 0; i < 25; i++) {
                store.put("intermediates/job_3/scene-" + i + ".mp4", f);
            }
            store.put("intermediates/job_30/scene-0.mp4", f);
            store.put("outputs/job_3/output.mp4", f);

            store.deleteAll("intermediates/job_3/");

            assertThat(store.size("intermediates/job_3/scene-0.mp4")).isEmpty();
            assertThat(store.size("intermediates/job_3/scene-24.mp4")).isEmpty();
            assertThat(store.size("intermediates/job_30/scene-0.mp4")).contains(1L);
            assertThat(store.size("outputs/job_3/output.mp4")).contains(1L);
            store.deleteAll("intermediates/nothing-here/");
        }
    }

    @Test
    void aFileOverTheThresholdGoesUpInPartsAndReadsBackWhole() throws IOException {
        try (S3BlobStore store = store("s3://jobs/big")) {
            byte[] bytes = random((12 << 20) + 12_345, 2); // three parts of 5 MiB, the last shorter
            store.put("outputs/job_4/output.mp4", file("big.bin", bytes));
            assertThat(store.size("outputs/job_4/output.mp4")).contains((long) bytes.length);
            try (S3Client raw = client(s3.secretKey())) { // a multipart object's ETag ends in -PARTS
                assertThat(raw.headObject(b -> b.bucket("jobs").key("big/outputs/job_4/output.mp4")).eTag()).endsWith("-3\"");
            }
            Path out = dir.resolve("big-out.bin");
            store.get("outputs/job_4/output.mp4", out);
            assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
            try (InputStream in = store.open("outputs/job_4/output.mp4", 11L << 20)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 11 << 20, bytes.length));
            }
        }
    }

    @Test
    void aWrongSecretFailsWithTheBucketKeyAndWhatToCheckButNeverTheSecret() throws IOException {
        String wrong = "not-the-secret-" + System.nanoTime();
        try (S3BlobStore store = new S3BlobStore(client(wrong), StorageSettings.parseBucket("s3://jobs/p"), 6L << 20, 5L << 20)) {
            assertThatThrownBy(() -> store.put("outputs/job_5/output.mp4", file("w.bin", new byte[] {1})))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://jobs/p/outputs/job_5/output.mp4")
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("check the credentials")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(s3.secretKey()));
        }
    }

    @Test
    void aMissingBucketSaysToCreateItOrFixTheSetting() throws IOException {
        try (S3BlobStore store = store("s3://no-such-bucket/p")) {
            assertThatThrownBy(() -> store.put("outputs/job_6/output.mp4", file("m.bin", new byte[] {1})))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://no-such-bucket/p/outputs/job_6/output.mp4")
                    .hasMessageContaining("create the bucket no-such-bucket or fix the setting blob-store");
        }
    }

    @Test
    void anUnreachableEndpointSaysToCheckIt() throws IOException {
        S3Client nowhere = S3BlobStore.client(Optional.of(URI.create("http://127.0.0.1:1")), "us-east-1", true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        try (S3BlobStore store = new S3BlobStore(nowhere, StorageSettings.parseBucket("s3://jobs"), 6L << 20, 5L << 20)) {
            assertThatThrownBy(() -> store.size("outputs/x/output.mp4"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://jobs/outputs/x/output.mp4")
                    .hasMessageContaining("check s3-endpoint");
        }
    }

    /**
     * MinIO and other stores refuse a DeleteObjects without Content-MD5, which the AWS SDK stopped sending in 2.30: a
     * stand-in that insists on it, as they do, gets a correct one.
     */
    @Test
    void deleteAllSendsTheContentMd5ThatMinioRequires() throws Exception {
        java.util.List<String> deletedBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer strict = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        strict.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            String reply;
            int status = 200;
            if (exchange.getRequestMethod().equals("GET") && query.contains("list-type=2")) {
                reply = "<ListBucketResult><Name>jobs</Name><Prefix>p/intermediates/job_9/</Prefix><KeyCount>2</KeyCount>"
                        + "<IsTruncated>false</IsTruncated><Contents><Key>p/intermediates/job_9/a.mp4</Key><Size>1</Size></Contents>"
                        + "<Contents><Key>p/intermediates/job_9/b.mp4</Key><Size>1</Size></Contents></ListBucketResult>";
            } else if (exchange.getRequestMethod().equals("POST") && query.startsWith("delete")) {
                String md5 = exchange.getRequestHeaders().getFirst("Content-MD5");
                String expected;
                try {
                    expected = java.util.Base64.getEncoder().encodeToString(
                            java.security.MessageDigest.getInstance("MD5").digest(body));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                if (!expected.equals(md5)) {
                    status = 400;
                    reply = "<Error><Code>MissingContentMD5</Code><Message>Missing required header for this request:"
                            + " Content-Md5.</Message></Error>";
                } else {
                    deletedBodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                    reply = "<DeleteResult></DeleteResult>";
                }
            } else {
                status = 400;
                reply = "<Error><Code>NotImplemented</Code><Message>not in this stand-in</Message></Error>";
            }
            byte[] bytes = reply.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        strict.start();
        S3Client client = S3BlobStore.client(Optional.of(URI.create("http://127.0.0.1:" + strict.getAddress().getPort())),
                "us-east-1", true, StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        try (S3BlobStore store = new S3BlobStore(client, StorageSettings.parseBucket("s3://jobs/p"), 6L << 20, 5L << 20)) {
            store.deleteAll("intermediates/job_9/");
        } finally {
            strict.stop(0);
        }
        assertThat(deletedBodies).hasSize(1);
        assertThat(deletedBodies.get(0)).contains("p/intermediates/job_9/a.mp4", "p/intermediates/job_9/b.mp4");
    }
}
