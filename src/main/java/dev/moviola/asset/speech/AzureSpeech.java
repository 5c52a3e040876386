package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Voices with model {@code azure}: Azure Speech's text-to-speech REST API ({@code POST
 * https://{region}.tts.speech.microsoft.com/cognitiveservices/v1}, or {@code azure-speech-url}), SSML in, a WAV out
 * ({@value #OUTPUT_FORMAT}). The REST API tells no word timings: the words are found by aligning the text.
 *
 * <p>The voice is an Azure voice name ({@code en-US-EmmaMultilingualNeural}, {@code en-US-Ava:DragonHDLatestNeural});
 * the SSML's language is its prefix ({@code en-US}). {@code model-settings} may hold {@code rate}, {@code pitch},
 * {@code volume} (SSML {@code prosody}: numbers, {@code +20%}, {@code -2st}, {@code x-slow}…) and {@code style},
 * {@code styledegree}, {@code role} ({@code mstts:express-as}); other keys are ignored.
 */
public final class AzureSpeech implements SpeechEngine {
    /** Uncompressed 24 kHz mono: the neural voices' own rate, and no encoder delay to shift the words. */
    static final String OUTPUT_FORMAT = "riff-24khz-16bit-mono-pcm";
    /** The voice of an element that names none (the one the JSON2Video documentation shows). */
    static final String DEFAULT_VOICE = "en-US-EmmaMultilingualNeural";
    /** Changes when the SSML this engine writes changes (part of {@link #identity()}). */
    static final int SSML_VERSION = 1;

    private static final Pattern LOCALE = Pattern.compile("^([a-z]{2,3}(?:-[A-Z][a-z]{3})?-(?:[A-Z]{2}|\\d{3}))-");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern PROSODY = Pattern.compile(
            "[-+]?\\d{1,4}(\\.\\d{1,4})?(%|Hz|st)?|x-slow|slow|medium|fast|x-fast|x-low|low|high|x-high|silent|x-soft"
                    + "|soft|loud|x-loud|default");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final ProviderSettings settings;
    private final ProviderHttp http;

    /** @param http the HTTP layer (its timeout and retries), shared with other engines; closed by its owner */
    public AzureSpeech(ProviderSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String identity() {
        String host;
        try {
            host = address().map(ProviderHttp::hostOf).orElse("(no region)");
        } catch (SpeechException e) {
            host = "(no region)";
        }
        return "azure host=" + host + " format=" + OUTPUT_FORMAT
                + " ssml=" + SSML_VERSION + " default-voice=" + DEFAULT_VOICE;
    }

    @Override
    public Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException {
        Secret key = settings.azureSpeechKey();
        if (key == null) {
            throw new SpeechException("voices with model azure need an Azure Speech key: set azure-speech-key "
                    + "(MOVIOLA_AZURE_SPEECH_KEY) and azure-speech-region (MOVIOLA_AZURE_SPEECH_REGION)");
        }
        URI uri = address().orElseThrow(() -> new SpeechException("voices with model azure need the Azure Speech "
                + "region of the key: set azure-speech-region (MOVIOLA_AZURE_SPEECH_REGION), e.g. westeurope, or "
                + "azure-speech-url"));
        String ssml = ssml(request);
        ProviderHttp.Target target = new ProviderHttp.Target("Azure", "azure-speech-key (and that azure-speech-region "
                + "is the key's region)", settings.azureSpeechUrl().isPresent() ? "azure-speech-url" : "azure-speech-region",
                "Ocp-Apim-Subscription-Key", "", key, Meters.Provider.speech("azure"));
        byte[] body = ssml.getBytes(StandardCharsets.UTF_8);
        ProviderHttp.Answer a = http.post(target, uri, Map.of("X-Microsoft-OutputFormat", OUTPUT_FORMAT),
                () -> new ByteArrayEntity(body, ContentType.create("application/ssml+xml", StandardCharsets.UTF_8)));
        byte[] audio = a.body();
        if (audio.length < 44 || ProviderFiles.sniffExtension(audio).filter("wav"::equals).isEmpty()) {
            throw new SpeechException("Azure answered without the WAV it was asked for (" + audio.length + " bytes"
                    + (a.contentType().isEmpty() ? "" : " of " + ProviderHttp.shorten(a.contentType())) + "); check "
                    + target.urlSetting(), false, null);
        }
        return new Speech(ProviderFiles.write(dir, "azure", "wav", ProviderFiles.fixWavSizes(audio)), null);
    }

    /** {@code azure-speech-url} (with {@code /cognitiveservices/v1} added when it lacks it), else the region's. */
    Optional<URI> address() throws SpeechException {
        Optional<URI> url = settings.azureSpeechUrl();
        if (url.isPresent()) {
            String u = url.get().toString().replaceAll("/+$", "");
            return Optional.of(URI.create(u.endsWith("/cognitiveservices/v1") ? u : u + "/cognitiveservices/v1"));
        }
        Optional<String> region = settings.azureSpeechRegion();
        if (region.isEmpty()) {
            return Optional.empty();
        }
        String r = region.get().toLowerCase(java.util.Locale.ROOT);
        if (!REGION.matcher(r).matches()) {
            throw new SpeechException("setting azure-speech-region: expected a region name such as westeurope, got \""
                    + ProviderHttp.shorten(region.get()) + "\"");
        }
        return Optional.of(URI.create("https://" + r + ".tts.speech.microsoft.com/cognitiveservices/v1"));
    }

    /** The SSML document that asks for {@code request}'s text in its voice. */
    static String ssml(SpeechRequest request) throws SpeechException {
        String voice = request.voice() == null || request.voice().isBlank() ? DEFAULT_VOICE : request.voice().trim();
        JsonNode ms = request.settings();
        StringBuilder prosody = new StringBuilder();
        for (String attr : new String[] {"rate", "pitch", "volume"}) {
            Optional<String> v = ProviderFiles.text(ms, attr);
            if (v.isPresent()) {
                if (!PROSODY.matcher(v.get()).matches()) {
                    throw new SpeechException("model-settings." + attr + ": expected a number, a change such as +20% "
                            + "(or +2st, -10Hz for pitch) or a word such as slow or high, got \"" + ProviderHttp.shorten(v.get()) + "\"");
                }
                prosody.append(' ').append(attr).append("='").append(escape(v.get())).append('\'');
            }
        }
        Optional<String> style = ProviderFiles.text(ms, "style");
        Optional<String> role = ProviderFiles.text(ms, "role");
        Optional<Double> degree = ProviderFiles.number(ms, "styledegree", 0.01, 2);
        name("style", style);
        name("role", role);
        String lang = language(voice);
        StringBuilder s = new StringBuilder("<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis'");
        boolean expressAs = style.isPresent() || role.isPresent();
        if (expressAs) {
            s.append(" xmlns:mstts='https://www.w3.org/2001/mstts'");
        }
        s.append(" xml:lang='").append(escape(lang)).append("'><voice name='").append(escape(voice)).append("'>");
        if (expressAs) {
            s.append("<mstts:express-as");
            style.ifPresent(v -> s.append(" style='").append(escape(v)).append('\''));
            degree.filter(d -> style.isPresent()).ifPresent(d -> s.append(" styledegree='").append(ProviderFiles.plain(d)).append('\''));
            role.ifPresent(v -> s.append(" role='").append(escape(v)).append('\''));
            s.append('>');
        }
        if (prosody.length() > 0) {
            s.append("<prosody").append(prosody).append('>');
        }
        s.append(escape(request.text() == null ? "" : request.text()));
        if (prosody.length() > 0) {
            s.append("</prosody>");
        }
        if (expressAs) {
            s.append("</mstts:express-as>");
        }
        return s.append("</voice></speak>").toString();
    }

    private static void name(String key, Optional<String> value) throws SpeechException {
        if (value.isPresent() && !NAME.matcher(value.get()).matches()) {
            throw new SpeechException("model-settings." + key + ": expected a name such as "
                    + (key.equals("style") ? "cheerful" : "YoungAdultFemale") + ", got \""
                    + ProviderHttp.shorten(value.get()) + "\"");
        }
    }

    /** The locale a voice name begins with ({@code en-US}, {@code sr-Latn-RS}); {@code en-US} when it has none. */
    static String language(String voice) {
        Matcher m = LOCALE.matcher(voice);
        return m.find() ? m.group(1) : "en-US";
    }

    /**
     * Text as XML character data or an attribute value: the five markup characters as entities, and the control
     * characters XML 1.0 does not allow dropped (a tab, line feed or carriage return stays).
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF) || c == '\t' || c == '\n' || c == '\r') {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
