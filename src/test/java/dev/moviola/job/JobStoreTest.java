package dev.moviola.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
    @TempDir
    Path dir;

    /** The limit on active jobs counts a key's jobs, and jobs sent without a key together (the dialect's null-safe =). */
    @Test
    void activeJobsAreCountedByKeyAndWithoutOneAlike() throws Exception {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        try (Database db = Database.open(dir, 2)) {
            JobStore jobs = new JobStore(db);
            assertThat(jobs.create(null, request, null, 1)).isPresent();
            assertThat(jobs.create(null, request, null, 1)).as("one keyless job is active").isEmpty();
            assertThat(jobs.create("a", request, null, 1)).isPresent();
            assertThat(jobs.create("a", request, null, 1)).isEmpty();
            assertThat(jobs.create("b", request, null, 1)).isPresent();
        }
    }
}
