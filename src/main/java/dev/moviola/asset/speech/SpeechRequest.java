package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a voice element asks an engine for.
 *
 * @param voice    the voice's id as the document names it, or null for the engine's default
 * @param model    the engine's name as the document gives it ({@code elevenlabs-flash-v2-5}); engines that serve
 *                 several models read theirs from it
 * @param settings the element's {@code model-settings}, for the engine to read what it knows (never null)
 */
public record SpeechRequest(String text, String voice, String model, JsonNode settings) {
}
