package dev.moviola.asset.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.Generator.GeneratorException;
import java.nio.file.Path;

/** The seam behind which each image provider's client makes one picture from a prompt. */
public interface ImageProvider {

    /** What, besides the request, decides the picture: the provider's address and the model asked for. */
    String identity(String model);

    /**
     * Makes the picture into {@code dir}.
     *
     * @param model the provider's own model name (from the model map)
     * @return the picture's file (PNG, JPEG, WebP or GIF)
     * @throws GeneratorException the provider is not configured (the message names the setting), refused the
     *                            prompt (with its reason), or failed
     */
    Path generate(Ask ask, String model, Path dir) throws GeneratorException, InterruptedException;

    /**
     * What is asked: the prompt, its shape ({@code horizontal}, {@code vertical}, {@code squared}) and the element's
     * {@code model-settings}, passed on to the provider.
     */
    record Ask(String prompt, String aspect, JsonNode settings) {
    }

    /** Fetches a provider's output URL through the safe fetcher (address checks, size limit, timeout). */
    @FunctionalInterface
    interface Downloader {
        void download(String url, Path target) throws GeneratorException, InterruptedException;
    }
}
