package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Voices with model {@code openai}: OpenAI's speech API ({@code POST {openai-url}/v1/audio/speech}, key as
 * {@code Authorization: Bearer}), JSON in, audio out (WAV unless {@code model-settings.response_format} says
 * {@code mp3}). It tells no word timings: the words are found by aligning the text.
 *
 * <p>{@code model-settings}: {@code model} (default {@value #DEFAULT_MODEL}; {@code tts-1-hd},
 * {@code gpt-4o-mini-tts}…), {@code speed} (0.25 to 4), {@code instructions} (gpt-4o-mini-tts only),
 * {@code response_format} ({@code wav} or {@code mp3}); other keys are ignored.
 */
public final class OpenAiSpeech implements SpeechEngine {
    static final String DEFAULT_MODEL = "tts-1";
    /**
     * The voice of an element that names none or names one OpenAI does not have (an Azure name such as
     * {@code en-US-EmmaMultilingualNeural}, as JSON2Video documents show): alloy, the first of OpenAI's voices,
     * which every speech model has.
     */
    static final String DEFAULT_VOICE = "alloy";
    /** OpenAI's built-in voices (the speech API reference lists them; tts-1 has the first nine). */
    static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage",
            "shimmer", "verse", "marin", "cedar");
    /** Changes when the mapping of voice names to OpenAI voices changes (part of {@link #identity()}). */
    static final int VOICE_MAPPING_VERSION = 1;
    /** The longest input the speech API takes. */
    static final int MAX_INPUT = 4096;

    /** A custom voice's id, sent as {@code {"id": …}}. */
    private static final Pattern CUSTOM_VOICE = Pattern.compile("voice_[A-Za-z0-9]{1,64}");

    private final ProviderSettings settings;
    private final ProviderHttp http;

    /** @param http the HTTP layer (its timeout and retries), shared with other engines; closed by its owner */
    public OpenAiSpeech(ProviderSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String identity() {
        return "openai host=" + ProviderHttp.hostOf(settings.openaiUrl()) + " model=" + DEFAULT_MODEL + " format=wav"
                + " voices=" + VOICE_MAPPING_VERSION + ":" + DEFAULT_VOICE;
    }

    @Override
    public Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException {
        Secret key = settings.openaiApiKey();
        if (key == null) {
            throw new SpeechException("voices with model openai need an OpenAI API key: set openai-api-key "
                    + "(MOVIOLA_OPENAI_API_KEY)");
        }
        String text = request.text() == null ? "" : request.text();
        if (text.length() > MAX_INPUT) {
            throw new SpeechException("OpenAI speaks at most " + MAX_INPUT + " characters at once; this voice's text has "
                    + text.length() + ": split it into several voice elements");
        }
        String format = ProviderFiles.text(request.settings(), "response_format").orElse("wav").toLowerCase(Locale.ROOT);
        if (!format.equals("wav") && !format.equals("mp3")) {
            throw new SpeechException("model-settings.response_format: expected wav or mp3, got \""
                    + ProviderHttp.shorten(format) + "\"");
        }
        byte[] body = body(request, format);
        URI uri = ProviderHttp.endpoint(settings.openaiUrl(), "/v1/audio/speech");
        ProviderHttp.Target target = new ProviderHttp.Target("OpenAI", "openai-api-key", "openai-url", "Authorization",
                "Bearer ", key, Meters.Provider.speech("openai"));
        ProviderHttp.Answer a = http.post(target, uri, Map.of(), () -> new ByteArrayEntity(body,
                ContentType.APPLICATION_JSON));
        byte[] audio = a.body();
        if (ProviderFiles.sniffExtension(audio).filter(format::equals).isEmpty()) {
            throw new SpeechException("OpenAI answered without the " + format + " it was asked for (" + audio.length
                    + " bytes" + (a.contentType().isEmpty() ? "" : " of " + ProviderHttp.shorten(a.contentType()))
                    + "); check openai-url", false, null);
        }
        // OpenAI streams its WAV: the header's sizes are placeholders (0xFFFFFFFF) until made true here.
        byte[] out = format.equals("wav") ? ProviderFiles.fixWavSizes(audio) : audio;
        return new Speech(ProviderFiles.write(dir, "openai", format, out), null);
    }

    /** The JSON body: model, voice, input, response_format, and speed and instructions when given. */
    static byte[] body(SpeechRequest request, String format) throws SpeechException {
        JsonNode ms = request.settings();
        ObjectNode body = ProviderHttp.JSON.createObjectNode();
        body.put("model", ProviderFiles.text(ms, "model").orElse(DEFAULT_MODEL));
        String voice = request.voice() == null ? "" : request.voice().trim();
        if (CUSTOM_VOICE.matcher(voice).matches()) {
            body.putObject("voice").put("id", voice);
        } else {
            body.put("voice", voice(voice));
        }
        body.put("input", request.text() == null ? "" : request.text());
        body.put("response_format", format);
        ProviderFiles.number(ms, "speed", 0.25, 4).ifPresent(d -> body.put("speed", d));
        ProviderFiles.text(ms, "instructions").ifPresent(i -> body.put("instructions", i));
        try {
            return ProviderHttp.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of OpenAI's voices (whatever its case), else {@value #DEFAULT_VOICE}. */
    static String voice(String voice) {
        String v = voice == null ? "" : voice.trim().toLowerCase(Locale.ROOT);
        return VOICES.contains(v) ? v : DEFAULT_VOICE;
    }
}
