package dev.moviola.asset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.cache.CacheStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files' hashes are remembered, and never trusted once the file was written again. */
class FileHashesTest {
    @TempDir
    Path dir;

    @Test
    void aRememberedHashIsNotUsedAfterTheFileChangesEvenWithItsOldModificationTime() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("cache"), 1 << 20);
        Path file = Files.writeString(dir.resolve("a.txt"), "first bytes");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(file, old);
        // Changing the time is itself a change (ctime): wait until the file has settled.
        Thread.sleep(3100);
        String first = new FileHashes(store, dir.resolve("w1")).of(file, false);
        assertThat(first).isEqualTo(FileHashes.sha256(file));
        assertThat(store.stats().namespaces().get(FileHashes.NAMESPACE).entries()).as("remembered").isEqualTo(1);

        Files.writeString(file, "other bytes"); // same size
        Files.setLastModifiedTime(file, old);   // as a tool that keeps modification times would leave it
        String second = new FileHashes(store, dir.resolve("w2")).of(file, false);
        assertThat(second).isNotEqualTo(first).isEqualTo(FileHashes.sha256(file));
    }

    @Test
    void aFileWrittenJustNowIsHashedButNotRemembered() throws Exception {
        CacheStore store = new CacheStore(dir.resolve("cache"), 1 << 20);
        Path file = Files.writeString(dir.resolve("b.txt"), "fresh");
        new FileHashes(store, dir.resolve("w")).of(file, false);
        assertThat(store.stats().entries()).isZero();
    }
}
