package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work directories are removed whoever else is removing them. */
class WorkFilesTest {
    @TempDir
    Path dir;

    /**
     * Found by ApiFuzzTest: the tasks of a job cancelled at once cleaned its work directory together, and the walk
     * of one failed with UncheckedIOException (NoSuchFileException) on files the other had just removed.
     */
    @Test
    void removingTheSameDirectoryFromSeveralThreadsAtOnceIsQuiet() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                Path work = dir.resolve("job-" + round);
                for (int i = 0; i < 50; i++) {
                    Files.createDirectories(work.resolve("d" + i % 5)).resolve("f" + i);
                    Files.writeString(work.resolve("d" + i % 5).resolve("f" + i), "x");
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> removals = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    removals.add(pool.submit(() -> {
                        go.await();
                        WorkFiles.deleteRecursively(work);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : removals) {
                    f.get(); // an exception in a removal fails here
                }
                assertThat(work).doesNotExist();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
