package dev.moviola.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store under the caches: whole entries or none, verified reads, a bound, one production at a time. */
class CacheStoreTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    Path file(String name, int size, int seed) throws IOException {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return Files.write(dir.resolve(name), b);
    }

    static ObjectNode meta(String k, int v) {
        return JsonNodeFactory.instance.objectNode().put(k, v);
    }

    static String key(int n) {
        return String.format("%032x", n);
    }

    @Test
    void storesFilesAndMetadataAndHandsBackVerifiedCopies() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        Path body = file("body.mp4", 5000, 1);
        store.put("scene", KEY, Fresh.of(Map.of("body.mp4", body), meta("frames", 12)));
        Files.delete(body); // the entry does not depend on the producer's file

        CacheEntry e = store.get("scene", KEY, dir.resolve("job")).orElseThrow();
        assertThat(e.meta().path("frames").asInt()).isEqualTo(12);
        assertThat(e.file("body.mp4")).isEqualTo(dir.resolve("job/body.mp4"));
        assertThat(Files.readAllBytes(e.file("body.mp4"))).isEqualTo(Files.readAllBytes(file("again", 5000, 1)));
        assertThat(store.get("scene", key(7), dir.resolve("job2"))).isEmpty();
        assertThat(store.get("movie", KEY, dir.resolve("job3"))).as("namespaces are separate").isEmpty();
    }

    @Test
    void aTruncatedOrAlteredFileReadsAsAMissAndTheEntryIsRemoved() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        store.put("scene", key(1), Fresh.of(Map.of("body.mp4", file("a", 4000, 1)), meta("n", 1)));
        store.put("scene", key(2), Fresh.of(Map.of("body.mp4", file("b", 4000, 2)), meta("n", 2)));
        Path truncated = store.entryDir("scene", key(1)).resolve("body.mp4");
        Path altered = store.entryDir("scene", key(2)).resolve("body.mp4");
        // Break the links the store may share with the producer's files, then damage the entries' own bytes.
        replaceWithCopy(truncated);
        replaceWithCopy(altered);
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(1000);
        }
        try (RandomAccessFile f = new RandomAccessFile(altered.toFile(), "rw")) {
            f.seek(2000);
            f.write(0x55 ^ f.readByte()); // same size, other bytes
        }

        assertThat(store.get("scene", key(1), dir.resolve("j1"))).isEmpty();
        assertThat(store.get("scene", key(2), dir.resolve("j2"))).isEmpty();
        assertThat(store.entryDir("scene", key(1))).doesNotExist();
        assertThat(store.entryDir("scene", key(2))).doesNotExist();
        assertThat(dir.resolve("j1/body.mp4")).as("nothing damaged is handed out").doesNotExist();
    }

    static void replaceWithCopy(Path p) throws IOException {
        Path copy = p.resolveSibling("copy");
        Files.copy(p, copy);
        Files.move(copy, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void entriesWrittenBeforeChecksumsWereRecordedAreCheckedByTheirSha256() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        store.put("scene", key(1), Fresh.copied(Map.of("body.mp4", file("a", 3000, 1)), meta("n", 1)));
        store.put("scene", key(2), Fresh.copied(Map.of("body.mp4", file("b", 3000, 2)), meta("n", 2)));
        for (int k : new int[] {1, 2}) { // as the store wrote them before it recorded CRC-32C
            Path manifest = store.entryDir("scene", key(k)).resolve(Manifest.FILE);
            Files.writeString(manifest, Files.readString(manifest).replaceAll(",\"crc32c\":\"[0-9a-f]+\"", ""));
            assertThat(Files.readString(manifest)).doesNotContain("crc32c").contains("sha256");
        }
        Path altered = store.entryDir("scene", key(2)).resolve("body.mp4");
        try (RandomAccessFile f = new RandomAccessFile(altered.toFile(), "rw")) {
            f.seek(100);
            f.write(0x55 ^ f.readByte());
        }

        assertThat(store.get("scene", key(1), dir.resolve("j1"))).isPresent();
        assertThat(store.get("scene", key(2), dir.resolve("j2"))).isEmpty();
    }

    @Test
    void aWriteThatFailsBeforeItsCommitLeavesNoEntryAndNoLeftovers() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20, staged -> {
            throw new IOException("disk pulled out");
        });
        assertThatThrownBy(() -> store.put("scene", KEY, Fresh.of(Map.of("body.mp4", file("a", 3000, 1)), meta("n", 1))))
                .hasMessageContaining("disk pulled out");
        assertThat(store.get("scene", KEY, dir.resolve("j"))).isEmpty();
        try (var tmp = Files.list(dir.resolve("store/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    /** A writer killed (SIGKILL) between writing an entry and committing it: the entry does not exist. */
    @Test
    void aProcessKilledInTheMiddleOfAWriteLeavesNoEntry() throws Exception {
        Path root = dir.resolve("store");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), root.toString(), KEY)
                .redirectErrorStream(true).start();
        try {
            String line = new String(writer.getInputStream().readNBytes("staged".length()));
            assertThat(line).isEqualTo("staged");
            Path staged;
            try (var tmp = Files.list(root.resolve("tmp"))) {
                staged = tmp.findFirst().orElseThrow();
            }
            assertThat(staged.resolve("body.mp4")).as("the data was written").exists();
            writer.destroyForcibly(); // SIGKILL
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

            CacheStore restarted = new CacheStore(root, 1 << 20);
            assertThat(restarted.get("scene", KEY, dir.resolve("j"))).isEmpty();
            assertThat(restarted.stats().entries()).isZero();
            // Once old enough to belong to no live writer, the leftover is cleaned.
            Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minus(CacheStore.STALE).minusSeconds(60)));
            restarted.removeStaleWrites();
            assertThat(staged).doesNotExist();
        } finally {
            writer.destroyForcibly();
        }
    }

    /** Writes an entry and stops, forever, just before committing it. */
    static final class CrashingWriter {
        public static void main(String[] args) throws Exception {
            Path root = Path.of(args[0]);
            Path body = Files.createTempFile(root.getParent(), "body", ".mp4"); // in the test's directory, not /tmp
            Files.write(body, new byte[100_000]);
            new CacheStore(root, 1 << 20, staged -> {
                System.out.print("staged");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }).put("scene", args[1], Fresh.of(Map.of("body.mp4", body), meta("n", 1)));
        }
    }

    @Test
    void aFreshResultReplacesTheCachedOne() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        store.put("scene", KEY, Fresh.of(Map.of("body.mp4", file("old", 3000, 1)), meta("v", 1)));
        store.put("scene", KEY, Fresh.of(Map.of("body.mp4", file("new", 2000, 2)), meta("v", 2)));
        CacheEntry e = store.get("scene", KEY, dir.resolve("j")).orElseThrow();
        assertThat(e.meta().path("v").asInt()).isEqualTo(2);
        assertThat(Files.size(e.file("body.mp4"))).isEqualTo(2000);
        assertThat(store.stats().entries()).isEqualTo(1);
    }

    @Test
    void evictionKeepsTheStoreUnderItsBoundDroppingTheLeastRecentlyUsed() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 60_000); // room for five entries of ~10.3 KB at 90 %
        for (int i = 0; i < 4; i++) {
            store.put("scene", key(i), Fresh.of(Map.of("body.mp4", file("f" + i, 10_000, i)), meta("n", i)));
            age(store, key(i), 100 - i); // entry 0 is the oldest
        }
        // Entry 0 is read: it becomes the most recently used.
        assertThat(store.get("scene", key(0), dir.resolve("j0"))).isPresent();
        for (int i = 4; i < 8; i++) {
            store.put("scene", key(i), Fresh.of(Map.of("body.mp4", file("f" + i, 10_000, i)), meta("n", i)));
            assertThat(store.stats().bytes()).as("after write %d", i).isLessThanOrEqualTo(60_000);
        }
        assertThat(store.get("scene", key(0), dir.resolve("k0"))).as("recently read: kept").isPresent();
        assertThat(store.get("scene", key(1), dir.resolve("k1"))).as("least recently used: evicted").isEmpty();
        assertThat(store.get("scene", key(7), dir.resolve("k7"))).as("just written: kept").isPresent();
    }

    static void age(CacheStore store, String key, int secondsAgo) throws IOException {
        Files.setLastModifiedTime(store.entryDir("scene", key).resolve(Manifest.FILE),
                FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }

    @Test
    void concurrentCallersNeedingTheSameEntryShareOneProduction() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        AtomicInteger productions = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<CacheStore.Obtained>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Path into = dir.resolve("job" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return store.obtain("scene", KEY, true, into, cached -> {
                        if (cached.isPresent()) {
                            return Optional.empty();
                        }
                        productions.incrementAndGet();
                        Thread.sleep(300);
                        return Optional.of(Fresh.of(Map.of("body.mp4", file("made", 3000, 9)), meta("n", 1)));
                    });
                }));
            }
            start.countDown();
            int hits = 0;
            for (Future<CacheStore.Obtained> f : results) {
                CacheStore.Obtained o = f.get(30, TimeUnit.SECONDS);
                assertThat(Files.size(o.entry().file("body.mp4"))).isEqualTo(3000);
                hits += o.hit() ? 1 : 0;
            }
            assertThat(productions.get()).isEqualTo(1);
            assertThat(hits).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheProducerFailsAWaiterProducesItself() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        CountDownLatch producing = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> failing = pool.submit(() -> store.obtain("scene", KEY, true, dir.resolve("a"), cached -> {
                producing.countDown();
                Thread.sleep(300);
                throw new IOException("ffmpeg crashed");
            }));
            producing.await();
            Future<CacheStore.Obtained> waiter = pool.submit(() -> store.obtain("scene", KEY, true, dir.resolve("b"),
                    cached -> Optional.of(Fresh.of(Map.of("body.mp4", file("ok", 100, 1)), meta("n", 1)))));
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("ffmpeg crashed");
            assertThat(waiter.get(10, TimeUnit.SECONDS).hit()).isFalse();
            assertThat(store.get("scene", KEY, dir.resolve("c"))).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clearRemovesEverythingAndStatsCountByNamespace() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        store.put("scene", key(1), Fresh.of(Map.of("body.mp4", file("a", 1000, 1)), meta("n", 1)));
        store.put("scene", key(2), Fresh.of(Map.of("body.mp4", file("b", 1000, 2)), meta("n", 1)));
        store.put("probe", key(3), Fresh.of(Map.of(), meta("width", 640)));
        CacheStats stats = store.stats();
        assertThat(stats.namespaces().get("scene").entries()).isEqualTo(2);
        assertThat(stats.namespaces().get("scene").bytes()).isGreaterThan(2000);
        assertThat(stats.namespaces().get("probe").entries()).isEqualTo(1);
        assertThat(store.clear().entries()).isEqualTo(3);
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void keysAndNamesCannotLeaveTheStore() {
        CacheStore store = new CacheStore(dir.resolve("store"), 1 << 20);
        assertThatThrownBy(() -> store.get("scene", "../../etc/passwd", dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("../x", KEY, dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("scene", KEY, Fresh.of(Map.of("../evil", file("e", 10, 1)), meta("n", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
