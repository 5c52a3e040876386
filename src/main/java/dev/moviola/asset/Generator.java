package dev.moviola.asset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Makes a generated source (speech from a voice's text; a picture from a prompt) through a provider. The resolver
 * keeps what it makes in the element cache under the request and {@link #identity}, so the same request is never
 * made twice, across renders and across jobs that want it at once.
 */
public interface Generator {

    /**
     * What, besides the request, decides the file it makes (the engine or provider, its model or version): part of
     * the cache key. Fails, naming the setting, when the request asks for a provider that is not configured.
     */
    String identity(JsonNode request) throws GeneratorException;

    /** Makes the file into {@code dir}; {@code meta} is kept with it in the cache (a speech's word timings). */
    Generated generate(JsonNode request, Path dir) throws GeneratorException, InterruptedException;

    /** A generated file and what is known about it besides its bytes. */
    record Generated(Path file, JsonNode meta) {
    }

    /** A generator's failure, in words for the author; {@code passing} when trying again later may succeed. */
    final class GeneratorException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean passing;

        public GeneratorException(String message, boolean passing, Throwable cause) {
            super(message, cause);
            this.passing = passing;
        }

        public boolean passing() {
            return passing;
        }
    }
}
