package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Voices with model {@code elevenlabs} or {@code elevenlabs-flash-v2-5}: ElevenLabs' text-to-speech with timestamps
 * ({@code POST {elevenlabs-url}/v1/text-to-speech/{voice_id}/with-timestamps?output_format=mp3_44100_128}, key in
 * {@code xi-api-key}), which answers JSON: the MP3 in {@code audio_base64} and when each character is said
 * ({@code alignment}), from which the words' timings come.
 *
 * <p>{@code model-settings}: {@code model_id} (instead of {@value #MULTILINGUAL} for {@code elevenlabs} and
 * {@value #FLASH} for {@code elevenlabs-flash-v2-5}); {@code stability}, {@code similarity_boost}, {@code style},
 * {@code use_speaker_boost}, {@code speed} (sent as {@code voice_settings}); {@code language_code}, {@code seed};
 * other keys are ignored.
 */
public final class ElevenLabsSpeech implements SpeechEngine {
    static final String MULTILINGUAL = "eleven_multilingual_v2";
    static final String FLASH = "eleven_flash_v2_5";
    static final String OUTPUT_FORMAT = "mp3_44100_128";
    /**
     * The voice of an element that names none, or names an Azure voice ({@code en-US-EmmaMultilingualNeural}, as
     * JSON2Video documents show), which ElevenLabs does not know: "George", a premade voice every account has, the
     * one ElevenLabs' own quickstarts and API examples use.
     */
    static final String DEFAULT_VOICE = "JBFqnCBsd6RMkjVDRZzb";
    /** Changes when the mapping of voice names to ElevenLabs voices changes (part of {@link #identity()}). */
    static final int VOICE_MAPPING_VERSION = 1;

    /** An Azure-style voice name: a locale, then a name ending in Neural ({@code en-US-Ava:DragonHDLatestNeural}). */
    private static final Pattern AZURE_NAME = Pattern.compile("^[a-z]{2,3}(-[A-Za-z]{2,4}){1,2}-.*Neural$");
    /** What an ElevenLabs voice id looks like (20 letters and digits); anything else is not sent as a path. */
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ProviderSettings settings;
    private final ProviderHttp http;

    /** @param http the HTTP layer (its timeout and retries), shared with other engines; closed by its owner */
    public ElevenLabsSpeech(ProviderSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String identity() {
        return "elevenlabs host=" + ProviderHttp.hostOf(settings.elevenlabsUrl()) + " models=elevenlabs:" + MULTILINGUAL
                + ",elevenlabs-flash-v2-5:" + FLASH + " format=" + OUTPUT_FORMAT + " voices=" + VOICE_MAPPING_VERSION
                + ":" + DEFAULT_VOICE;
    }

    @Override
    public Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException {
        String model = request.model() == null ? "elevenlabs" : request.model();
        Secret key = settings.elevenlabsApiKey();
        if (key == null) {
            throw new SpeechException("voices with model " + model + " need an ElevenLabs API key: set "
                    + "elevenlabs-api-key (MOVIOLA_ELEVENLABS_API_KEY)");
        }
        String voice = voiceId(request.voice());
        byte[] body = body(request);
        URI uri = ProviderHttp.endpoint(settings.elevenlabsUrl(), "/v1/text-to-speech/"
                + URLEncoder.encode(voice, StandardCharsets.UTF_8) + "/with-timestamps?output_format=" + OUTPUT_FORMAT);
        ProviderHttp.Target target = new ProviderHttp.Target("ElevenLabs", "elevenlabs-api-key", "elevenlabs-url",
                "xi-api-key", "", key, Meters.Provider.speech("elevenlabs"));
        ProviderHttp.Answer a = http.post(target, uri, Map.of("Accept", "application/json"),
                () -> new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        JsonNode answer;
        try {
            answer = ProviderHttp.JSON.readTree(a.body());
        } catch (IOException e) {
            answer = null;
        }
        JsonNode audio64 = answer == null ? null : answer.get("audio_base64");
        if (audio64 == null || !audio64.isTextual()) {
            throw new SpeechException("ElevenLabs answered without audio_base64 (" + a.body().length + " bytes of "
                    + (a.contentType().isEmpty() ? "unknown type" : ProviderHttp.shorten(a.contentType())) + "); check "
                    + "elevenlabs-url", false, null);
        }
        byte[] mp3;
        try {
            mp3 = Base64.getMimeDecoder().decode(audio64.asText());
        } catch (IllegalArgumentException e) {
            throw new SpeechException("ElevenLabs answered audio_base64 that is not base64", false, null);
        }
        if (mp3.length == 0) {
            throw new SpeechException("ElevenLabs answered no audio", false, null);
        }
        JsonNode alignment = answer.get("alignment");
        if (alignment == null || alignment.isNull()) {
            alignment = answer.get("normalized_alignment");
        }
        List<TimedWord> words = words(alignment);
        return new Speech(ProviderFiles.write(dir, "elevenlabs", "mp3", mp3), words);
    }

    /** The element's voice if it is an ElevenLabs voice id; the default voice for none or an Azure voice name. */
    static String voiceId(String voice) throws SpeechException {
        if (voice == null || voice.isBlank() || AZURE_NAME.matcher(voice.trim()).matches()) {
            return DEFAULT_VOICE;
        }
        String v = voice.trim();
        if (!VOICE_ID.matcher(v).matches()) {
            throw new SpeechException("voice \"" + ProviderHttp.shorten(v) + "\" is not an ElevenLabs voice id (such as "
                    + DEFAULT_VOICE + "); find your voices' ids in ElevenLabs' voice library");
        }
        return v;
    }

    /** The JSON body: text, model_id, voice_settings when any is given, language_code and seed when given. */
    static byte[] body(SpeechRequest request) throws SpeechException {
        JsonNode ms = request.settings();
        String modelId = ProviderFiles.text(ms, "model_id")
                .orElse("elevenlabs-flash-v2-5".equals(request.model()) ? FLASH : MULTILINGUAL);
        ObjectNode body = ProviderHttp.JSON.createObjectNode();
        body.put("text", request.text() == null ? "" : request.text());
        body.put("model_id", modelId);
        ObjectNode vs = ProviderHttp.JSON.createObjectNode();
        for (String k : new String[] {"stability", "similarity_boost", "style"}) {
            ProviderFiles.number(ms, k, 0, 1).ifPresent(d -> vs.put(k, d));
        }
        ProviderFiles.bool(ms, "use_speaker_boost").ifPresent(b -> vs.put("use_speaker_boost", b));
        ProviderFiles.number(ms, "speed", 0.5, 2).ifPresent(d -> vs.put("speed", d));
        if (!vs.isEmpty()) {
            body.set("voice_settings", vs);
        }
        Optional<String> language = ProviderFiles.text(ms, "language_code");
        language.ifPresent(l -> body.put("language_code", l));
        Optional<Double> seed = ProviderFiles.number(ms, "seed", 0, 4294967295.0);
        seed.ifPresent(d -> body.put("seed", d.longValue()));
        try {
            return ProviderHttp.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Words from a character alignment: each run of characters between white space is a word, from the start of its
     * first character to the end of its last. Null when the answer has no usable alignment (the words are then found
     * by aligning the text).
     */
    static List<TimedWord> words(JsonNode alignment) {
        if (alignment == null || !alignment.isObject()) {
            return null;
        }
        JsonNode chars = alignment.get("characters");
        JsonNode starts = alignment.get("character_start_times_seconds");
        JsonNode ends = alignment.get("character_end_times_seconds");
        if (chars == null || starts == null || ends == null || !chars.isArray() || chars.size() != starts.size()
                || chars.size() != ends.size()) {
            return null;
        }
        List<TimedWord> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        double start = 0;
        double end = 0;
        for (int i = 0; i < chars.size(); i++) {
            String c = chars.get(i).asText();
            if (c.isBlank()) {
                if (word.length() > 0) {
                    words.add(new TimedWord(word.toString(), start, Math.max(start, end)));
                    word.setLength(0);
                }
                continue;
            }
            if (word.length() == 0) {
                start = starts.get(i).asDouble();
            }
            word.append(c);
            end = ends.get(i).asDouble();
        }
        if (word.length() > 0) {
            words.add(new TimedWord(word.toString(), start, Math.max(start, end)));
        }
        return words;
    }
}
