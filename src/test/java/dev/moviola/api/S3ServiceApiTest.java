package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.cluster.LocalS3;
import dev.moviola.config.ServiceSettings;
import dev.moviola.config.StorageSettings;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.storage.S3BlobStore;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The service with {@code blob-store} on an S3-compatible bucket (S3Proxy in this JVM): outputs are served from the
 * bucket, with ranges, and a second server with its own data and cache directories on the same bucket reuses what the
 * first rendered. Credentials reach the SDK as they would in production, through the AWS default chain (here its
 * system properties {@code aws.accessKeyId}/{@code aws.secretAccessKey}).
 */
class S3ServiceApiTest extends ServerTest {
    @TempDir
    static Path s3dir;
    static LocalS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start(s3dir.resolve("s3"));
        s3.createBucket("movies");
        System.setProperty("aws.accessKeyId", s3.accessKey());
        System.setProperty("aws.secretAccessKey", s3.secretKey());
    }

    @AfterAll
    static void stopS3() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    static Map<String, String> bucketSettings(String blobStore) {
        return Map.of("blob-store", blobStore, "s3-endpoint", s3.endpoint(), "s3-path-style", "true");
    }

    @Override
    Map<String, String> settings() {
        return bucketSettings("s3://movies/cluster");
    }

    static S3BlobStore bucket() {
        return S3BlobStore.open(new StorageSettings(Optional.of(StorageSettings.parseBucket("s3://movies/cluster")),
                Optional.of(URI.create(s3.endpoint())), "us-east-1", true),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
    }

    @Test
    void anOutputIsStoredInTheBucketAndServedFromItWithRanges() throws Exception {
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#ff0000", "#0000ff") + "}", 202)
                .path("jobId").asText();
        JsonNode job = awaitJob(jobId);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");

        Path movie = download(job.path("outputUrl").asText(), dir.resolve("out.mp4"));
        MediaInfo info = Decoded.probe(movie);
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.duration()).isBetween(1.9, 2.1);
        assertThat(Pixels.near(Decoded.frame(movie, 10), 80, 45, 255, 0, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(movie, 40), 80, 45, 0, 0, 255)).isTrue();

        // The bytes served are the bucket's: the object is there, and nothing is kept in the data directory.
        Path fromBucket = dir.resolve("from-bucket.mp4");
        try (S3BlobStore bucket = bucket()) {
            bucket.get("outputs/" + jobId + "/output.mp4", fromBucket);
            assertThat(bucket.size("render-plans/" + jobId + "/plan.json")).isPresent();
        }
        assertThat(fromBucket).hasSameBinaryContentAs(movie);
        assertThat(dir.resolve("data/blobs")).doesNotExist();

        byte[] all = Files.readAllBytes(movie);
        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(job.path("outputUrl").asText()))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 100-199/" + all.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(all, 100, 200));
        HttpResponse<byte[]> tail = HTTP.send(HttpRequest.newBuilder(URI.create(job.path("outputUrl").asText()))
                .header("Range", "bytes=" + (all.length - 50) + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(all, all.length - 50, all.length));
    }

    @Test
    @Slow
    void aSecondServerOnTheSameBucketReusesTheMovieAndTheScenesTheFirstRendered() throws Exception {
        String first = ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#00ff00", "#ffffff") + "}", 202)
                .path("jobId").asText();
        JsonNode firstJob = awaitJob(first);
        assertThat(firstJob.path("cache").path("scenesRendered").asInt()).as(firstJob.toString()).isEqualTo(2);
        Path firstMovie = download(firstJob.path("outputUrl").asText(), dir.resolve("first.mp4"));
        server.close();

        // Another machine: its own data directory, database and local cache; only the bucket is shared.
        Map<String, String> flags = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1",
                "data-dir", dir.resolve("machine-b/data").toString(), "api-key", KEY, "jobs", "2", "rate-limit", "0"));
        flags.putAll(settings());
        server = EmbeddedServer.start(Renders.settings(dir.resolve("machine-b")).withAccess(access()),
                ServiceSettings.load(flags, Map.of()), TestFfmpeg.ffmpeg());

        JsonNode same = awaitJob(ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#00ff00", "#ffffff") + "}", 202)
                .path("jobId").asText());
        assertThat(same.path("status").asText()).as(same.toString()).isEqualTo("done");
        assertThat(same.path("cache").path("movie").asText()).as(same.toString()).isEqualTo("hit");
        assertThat(download(same.path("outputUrl").asText(), dir.resolve("same.mp4"))).hasSameBinaryContentAs(firstMovie);

        // A different movie that shares its first scene: that scene is a hit, the new one is rendered.
        JsonNode other = awaitJob(ok("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("#00ff00", "#ff00ff") + "}", 202)
                .path("jobId").asText());
        assertThat(other.path("status").asText()).as(other.toString()).isEqualTo("done");
        assertThat(other.path("cache").path("scenesHit").asInt()).as(other.toString()).isEqualTo(1);
        assertThat(other.path("cache").path("scenesRendered").asInt()).as(other.toString()).isEqualTo(1);
        Path otherMovie = download(other.path("outputUrl").asText(), dir.resolve("other.mp4"));
        assertThat(Pixels.near(Decoded.frame(otherMovie, 10), 80, 45, 0, 255, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(otherMovie, 40), 80, 45, 255, 0, 255)).isTrue();
    }

    @Test
    void aServerOnAMissingBucketDoesNotStartAndSaysWhatToFix() {
        Map<String, String> flags = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1",
                "data-dir", dir.resolve("other/data").toString(), "api-key", KEY));
        flags.putAll(bucketSettings("s3://no-such-bucket"));
        assertThatThrownBy(() -> EmbeddedServer.start(Renders.settings(dir.resolve("other")), ServiceSettings.load(flags, Map.of()),
                TestFfmpeg.ffmpeg()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://no-such-bucket/")
                .hasMessageContaining("create the bucket no-such-bucket or fix the setting blob-store")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(s3.secretKey()));
    }
}
