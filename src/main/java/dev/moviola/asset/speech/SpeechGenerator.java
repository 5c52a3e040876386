package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.Generator;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes voices: the engine a voice's {@code model} names synthesises its text; its words are the engine's own
 * timings when it gives them (the local engine, ElevenLabs), else found by aligning the text to the audio. The words
 * go with the audio into the element cache, so captions of a cached voice need no engine at all.
 */
public final class SpeechGenerator implements Generator {

    /** Finds when each word of a known text is said in an audio file (work files into {@code dir}). */
    @FunctionalInterface
    public interface Aligner {
        List<TimedWord> align(String text, Path audio, String voice, Path dir) throws SpeechException, InterruptedException;
    }

    private final SpeechEngines engines;
    private final Aligner aligner;

    public SpeechGenerator(SpeechEngines engines, Aligner aligner) {
        this.engines = engines;
        this.aligner = aligner;
    }

    @Override
    public String identity(JsonNode request) throws GeneratorException {
        try {
            return engines.modelOf(text(request, "model")) + " " + engines.engine(text(request, "model")).identity();
        } catch (SpeechException e) {
            throw new GeneratorException(e.getMessage(), e.passing(), e);
        }
    }

    @Override
    public Generated generate(JsonNode request, Path dir) throws GeneratorException, InterruptedException {
        String text = request.path("text").asText();
        try {
            SpeechEngine engine = engines.engine(text(request, "model"));
            Speech speech = engine.synthesize(new SpeechRequest(text, text(request, "voice"),
                    engines.modelOf(text(request, "model")), request.path("model-settings")), dir);
            List<TimedWord> words = speech.words() != null ? speech.words()
                    : aligner.align(text, speech.audio(), text(request, "voice"), dir);
            ObjectNode meta = JsonNodeFactory.instance.objectNode().put("engine", engine.identity());
            ArrayNode w = meta.putArray("words");
            words.forEach(x -> w.addObject().put("text", x.text()).put("start", x.start()).put("end", x.end()));
            return new Generated(speech.audio(), meta);
        } catch (SpeechException e) {
            throw new GeneratorException(e.getMessage(), e.passing(), e);
        }
    }

    private static String text(JsonNode request, String key) {
        JsonNode v = request.path(key);
        return v.isTextual() ? v.asText() : null;
    }
}
