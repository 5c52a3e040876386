package dev.moviola.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link RenderPlan} as a file ({@code render-plans/{jobId}/plan.json}): plain JSON that any worker can read
 * to render a scene from it alone.
 */
public final class PlanFiles {
    /** Also what fingerprints read plans with: one mapper learns the plan's types once (0.1 s in a cold JVM). */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanFiles() {
    }

    public static void write(RenderPlan plan, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), plan);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static RenderPlan read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RenderPlan.class);
    }
}
