package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Speech synthesised from text by a speech engine ({@code model}: a cloud provider or the local engine); it lasts as
 * long as the speech and joins the movie's sound like any other.
 *
 * @param voice         the voice's id as the document names it ({@code en-US-EmmaMultilingualNeural}); null: the
 *                      engine's default
 * @param model         the engine ({@code azure}, {@code elevenlabs}, {@code elevenlabs-flash-v2-5}, {@code openai},
 *                      {@code local}); null: the configured default
 * @param modelSettings engine-specific settings, passed on as they are (an empty object when none)
 */
public record VoiceElement(Location where, String id, Timing timing, String text, String voice, String model,
        JsonNode modelSettings, Playback playback, boolean cache) implements Element, Sourced, Lasting, Sounding {

    /** The engines a voice may name ({@code model}). */
    public static final List<String> MODELS = List.of("azure", "elevenlabs", "elevenlabs-flash-v2-5", "openai", "local");

    /** What {@link Source#src()} names a voice by: what it says and how, so equal voices share one synthesis. */
    public static final String SPEECH = "speech";

    @Override
    public VoiceElement withTiming(Timing timing) {
        return new VoiceElement(where, id, timing, text, voice, model, modelSettings, playback, cache);
    }

    @Override
    public String type() {
        return "voice";
    }

    /** The speech to synthesise: a generated source, made once for its text, voice, model and settings. */
    @Override
    public List<Source> sources() {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("text", text).put("voice", voice)
                .put("model", model);
        request.set("model-settings", modelSettings);
        return List.of(Source.generated(SPEECH, request, where.at("text"), Source.Need.SOUND));
    }

    /** It names no file: nothing to rename. */
    @Override
    public VoiceElement withSources(UnaryOperator<String> rename) {
        return this;
    }

    /** The speech's length (its playback may seek or loop like any sound's). */
    @Override
    public double ownLength(MediaLength source) {
        return playback.lengthOf(source.sound());
    }

    @Override
    public String summary() {
        String s = text.replace("\n", "⏎");
        return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
    }
}
