package dev.moviola.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where speech and transcription come from: the local engine and the cloud providers, each with its key and an
 * address that can be pointed at a proxy or a test server. Keys are {@link Secret}s: they never print.
 *
 * @param espeakNg          the espeak-ng program (default: {@code espeak-ng} on the PATH)
 * @param voiceModel        the engine of voices that name none (empty: {@code azure} when its key is set, else
 *                          {@code local})
 * @param azureSpeechKey    Azure Speech resource key
 * @param azureSpeechRegion its region ({@code westeurope}); gives the default address
 * @param azureSpeechUrl    the address of Azure's text-to-speech API, instead of the region's
 * @param elevenlabsApiKey  ElevenLabs API key
 * @param elevenlabsUrl     the address of ElevenLabs' API (default {@code https://api.elevenlabs.io})
 * @param openaiApiKey      OpenAI API key (speech)
 * @param openaiUrl         the address of OpenAI's API (default {@code https://api.openai.com})
 * @param transcriptionUrl  an OpenAI-compatible API with {@code /v1/audio/transcriptions} (OpenAI itself, a Whisper
 *                          server); default: OpenAI's when its key is set
 * @param transcriptionApiKey its key (default: the OpenAI key when the address is OpenAI's)
 * @param transcriptionModel  the model asked for (default {@code whisper-1})
 * @param timeout           longest one provider request may take
 * @param retries           tries after the first when a provider answers 429 or 5xx or does not answer
 */
public record ProviderSettings(Optional<Path> espeakNg, Optional<String> voiceModel, Secret azureSpeechKey,
        Optional<String> azureSpeechRegion, Optional<URI> azureSpeechUrl, Secret elevenlabsApiKey, URI elevenlabsUrl,
        Secret openaiApiKey, URI openaiUrl, Optional<URI> transcriptionUrl, Secret transcriptionApiKey,
        String transcriptionModel, Duration timeout, int retries) {

    public static final List<String> KEYS = List.of("espeak-ng", "voice-model", "azure-speech-key", "azure-speech-region",
            "azure-speech-url", "elevenlabs-api-key", "elevenlabs-url", "openai-api-key", "openai-url",
            "transcription-url", "transcription-api-key", "transcription-model", "provider-timeout", "provider-retries");

    /** @param m merged values by key ({@link Settings#merge}) */
    static ProviderSettings load(Map<String, String> m) {
        return new ProviderSettings(
                Settings.path(m, "espeak-ng"),
                voiceModel(m),
                Secret.of(m.get("azure-speech-key")),
                text(m, "azure-speech-region"),
                uri(m, "azure-speech-url"),
                Secret.of(m.get("elevenlabs-api-key")),
                uri(m, "elevenlabs-url").orElse(URI.create("https://api.elevenlabs.io")),
                Secret.of(m.get("openai-api-key")),
                uri(m, "openai-url").orElse(URI.create("https://api.openai.com")),
                uri(m, "transcription-url"),
                Secret.of(m.get("transcription-api-key")),
                text(m, "transcription-model").orElse("whisper-1"),
                Settings.duration(m, "provider-timeout", Duration.ofSeconds(60)),
                retries(m.get("provider-retries")));
    }

    private static Optional<String> voiceModel(Map<String, String> m) {
        Optional<String> v = text(m, "voice-model").map(x -> x.toLowerCase(java.util.Locale.ROOT));
        if (v.isPresent() && !dev.moviola.movie.VoiceElement.MODELS.contains(v.get())) {
            throw new InvalidSettingException("setting voice-model: expected one of "
                    + String.join(", ", dev.moviola.movie.VoiceElement.MODELS) + ", got \"" + v.get() + "\"");
        }
        return v;
    }

    /** Tries after the first: a whole number, 0 (no retry) to 10; 4 by default. */
    private static int retries(String v) {
        if (v == null || v.isBlank()) {
            return 4;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0 && n <= 10) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidSettingException("setting provider-retries: expected a whole number from 0 (no retry) to 10, got \""
                + v + "\"");
    }

    static Optional<String> text(Map<String, String> m, String key) {
        return Optional.ofNullable(m.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    static Optional<URI> uri(Map<String, String> m, String key) {
        Optional<String> v = text(m, key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(v.get().replaceAll("/+$", ""));
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new java.net.URISyntaxException(v.get(), "not an http(s) URL");
            }
            return Optional.of(u);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSettingException("setting " + key + ": expected an http:// or https:// address such as "
                    + "https://proxy.example/speech, got \"" + v.get() + "\"", e);
        }
    }
}
