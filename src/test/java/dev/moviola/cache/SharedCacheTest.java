package dev.moviola.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.cluster.LocalS3;
import dev.moviola.config.StorageSettings;
import dev.moviola.storage.S3BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two machines' caches (two stores, two local directories) in front of one bucket: what one stores is a hit for the
 * other, with the same bytes; an entry whose manifest has not arrived is a miss; local eviction leaves the bucket alone.
 */
class SharedCacheTest {
    @TempDir
    static Path s3dir;
    static LocalS3 s3;
    static int buckets;

    @TempDir
    Path dir;
    S3BlobStore bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start(s3dir.resolve("s3"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void openBucket() {
        String name = "cache-" + (++buckets);
        s3.createBucket(name);
        bucket = S3BlobStore.open(new StorageSettings(Optional.of(StorageSettings.parseBucket("s3://" + name + "/cluster")),
                Optional.of(URI.create(s3.endpoint())), "us-east-1", true),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    CacheStore machine(String name, long maxBytes) {
        return new CacheStore(dir.resolve(name).resolve("store"), maxBytes, new BlobSharedTier(bucket, "s3://test"));
    }

    Path file(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    static String key(int n) {
        return String.format("%032x", n);
    }

    @Test
    void anEntryStoredOnOneMachineIsAHitOnAnotherWithTheSameBytesAndMetadata() throws Exception {
        CacheStore a = machine("a", 10 << 20);
        CacheStore b = machine("b", 10 << 20);
        Path clip = file("clip.mp4", 200_000, 1);
        Path poster = file("poster.png", 3_000, 2);
        a.put("scene", key(1), Fresh.of(Map.of("clip.mp4", clip, "poster.png", poster),
                JsonNodeFactory.instance.objectNode().put("frames", 48)));

        AtomicInteger produced = new AtomicInteger();
        CacheStore.Obtained got = b.obtain("scene", key(1), true, dir.resolve("job-on-b"), cached -> {
            produced.incrementAndGet();
            return cached.isPresent() ? Optional.empty() : Optional.of(Fresh.of(Map.of(), null));
        });

        assertThat(got.hit()).as("a hit, counted as such").isTrue();
        assertThat(produced.get()).isEqualTo(1); // the producer was asked and kept the cached entry
        assertThat(Files.readAllBytes(got.entry().file("clip.mp4"))).isEqualTo(Files.readAllBytes(clip));
        assertThat(Files.readAllBytes(got.entry().file("poster.png"))).isEqualTo(Files.readAllBytes(poster));
        assertThat(got.entry().meta().path("frames").asInt()).isEqualTo(48);
        assertThat(b.contains("scene", key(1))).as("now in b's own store too").isTrue();
        assertThat(b.stats().namespaces().get("scene").entries()).isEqualTo(1);
    }

    @Test
    void anEntryWhoseFilesArrivedButNotItsManifestIsAMiss() throws Exception {
        CacheStore b = machine("b", 10 << 20);
        Path clip = file("clip.mp4", 50_000, 3);
        bucket.put("cache/scene/" + key(2) + "/clip.mp4", clip); // an upload cut short before its manifest

        assertThat(b.get("scene", key(2), dir.resolve("job"))).isEmpty();
        assertThat(b.contains("scene", key(2))).isFalse();
    }

    @Test
    void anEntryWhoseFilesDoNotMatchItsManifestIsAMiss() throws Exception {
        CacheStore a = machine("a", 10 << 20);
        CacheStore b = machine("b", 10 << 20);
        a.put("scene", key(3), Fresh.of(Map.of("clip.mp4", file("clip.mp4", 50_000, 4)), null));
        // Another machine replacing the entry: its new file is up, its new manifest not yet.
        bucket.put("cache/scene/" + key(3) + "/clip.mp4", file("other.mp4", 50_000, 5));

        assertThat(b.get("scene", key(3), dir.resolve("job"))).isEmpty();
        assertThat(b.contains("scene", key(3))).isFalse();
    }

    @Test
    void localEvictionLeavesTheBucketAloneSoTheEntryComesBack() throws Exception {
        CacheStore a = machine("a", 100_000); // room for one entry
        Path first = file("first.mp4", 60_000, 6);
        a.put("scene", key(4), Fresh.of(Map.of("clip.mp4", first), null));
        a.put("scene", key(5), Fresh.of(Map.of("clip.mp4", file("second.mp4", 60_000, 7)), null));
        assertThat(a.contains("scene", key(4))).as("evicted locally").isFalse();

        assertThat(bucket.size("cache/scene/" + key(4) + "/manifest.json")).isPresent();
        CacheStore b = machine("b", 10 << 20);
        assertThat(b.get("scene", key(4), dir.resolve("job-b")).map(e -> e.file("clip.mp4"))).hasValueSatisfying(p -> {
            try {
                assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(first));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(a.get("scene", key(4), dir.resolve("job-a"))).as("a brings it back from the bucket").isPresent();
    }

    @Test
    void clearingALocalStoreLeavesTheBucketAlone() throws Exception {
        CacheStore a = machine("a", 10 << 20);
        a.put("movie", key(6), Fresh.of(Map.of("output.mp4", file("movie.mp4", 10_000, 8)), null));
        a.clear();
        assertThat(a.contains("movie", key(6))).isFalse();
        assertThat(machine("b", 10 << 20).get("movie", key(6), dir.resolve("job"))).isPresent();
    }

    @Test
    void theManifestGoesUpLastSoNoMachineSeesAnEntryBeforeItIsWhole() throws Exception {
        java.util.List<String> uploads = new java.util.ArrayList<>();
        SharedTier recording = new SharedTier() {
            @Override
            public boolean download(String namespace, String key, String name, Path target) {
                return false;
            }

            @Override
            public void upload(String namespace, String key, String name, Path file) {
                uploads.add(name);
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
        CacheStore a = new CacheStore(dir.resolve("rec"), 10 << 20, recording);
        a.put("scene", key(7), Fresh.of(Map.of("clip.mp4", file("c.mp4", 1000, 9), "poster.png", file("p.png", 100, 10),
                "audio.wav", file("a.wav", 100, 11)), null));
        assertThat(uploads).hasSize(4).endsWith("manifest.json");
    }
}
