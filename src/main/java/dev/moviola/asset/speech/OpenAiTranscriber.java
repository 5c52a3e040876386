package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.config.ProviderSettings;
import dev.moviola.config.Secret;
import dev.moviola.metrics.Meters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * Words and their timings from an OpenAI-compatible transcription API ({@code POST {url}/v1/audio/transcriptions},
 * multipart: {@code file}, {@code model}, {@code response_format=verbose_json}, {@code timestamp_granularities[]=word},
 * {@code language} when known), as OpenAI serves it ({@code whisper-1}) and self-hosted Whisper servers copy it.
 *
 * <p>The address is {@code transcription-url}, else OpenAI's ({@code openai-url}) when {@code openai-api-key} is
 * set. The key is {@code transcription-api-key}, else the OpenAI key when the address is OpenAI's; a server that
 * needs none gets none.
 */
public final class OpenAiTranscriber implements Transcriber {
    /** Changes when the request or the reading of the answer changes (part of {@link #identity()}). */
    static final int VERSION = 1;
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(java.nio.charset.StandardCharsets.UTF_8);

    private final ProviderSettings settings;
    private final ProviderHttp http;

    /** @param http the HTTP layer (its timeout and retries), shared with the engines; closed by its owner */
    public OpenAiTranscriber(ProviderSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** Where transcriptions go and with which key; empty when neither a transcription address nor an OpenAI key is set. */
    record Service(URI base, Secret key, boolean openai) {
    }

    Optional<Service> service() {
        Optional<URI> url = settings.transcriptionUrl();
        if (url.isPresent()) {
            boolean openai = sameOrigin(url.get(), settings.openaiUrl());
            Secret key = settings.transcriptionApiKey() != null ? settings.transcriptionApiKey()
                    : openai ? settings.openaiApiKey() : null;
            return Optional.of(new Service(url.get(), key, openai));
        }
        if (settings.openaiApiKey() != null) {
            Secret key = settings.transcriptionApiKey() != null ? settings.transcriptionApiKey() : settings.openaiApiKey();
            return Optional.of(new Service(settings.openaiUrl(), key, true));
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    @Override
    public String identity() {
        return "openai-transcription host=" + service().map(s -> ProviderHttp.hostOf(s.base())).orElse("(none)")
                + " model=" + settings.transcriptionModel() + " words=verbose_json v" + VERSION;
    }

    @Override
    public List<TimedWord> transcribe(Path audio, String language) throws SpeechException, InterruptedException {
        Service service = service().orElseThrow(() -> new SpeechException("subtitles made from the movie's speech need "
                + "a transcription service: set transcription-url (MOVIOLA_TRANSCRIPTION_URL) to an OpenAI-compatible "
                + "server such as a self-hosted Whisper, or openai-api-key (MOVIOLA_OPENAI_API_KEY) to use OpenAI's"));
        if (!Files.isRegularFile(audio)) {
            throw new SpeechException("cannot transcribe " + audio + ": no such file");
        }
        String fileName = uploadName(audio);
        String lang = language(language);
        String model = settings.transcriptionModel();
        URI uri = ProviderHttp.endpoint(service.base(), "/v1/audio/transcriptions");
        boolean named = settings.transcriptionUrl().isPresent();
        ProviderHttp.Target target = new ProviderHttp.Target(service.openai() ? "OpenAI" : "the transcription service",
                settings.transcriptionApiKey() != null || !service.openai() ? "transcription-api-key" : "openai-api-key",
                named ? "transcription-url" : "openai-url", "Authorization", "Bearer ", service.key(),
                Meters.Provider.transcription(service.openai() ? "openai" : "transcription-api"));
        ProviderHttp.Answer a = http.post(target, uri, Map.of("Accept", "application/json"), () -> {
            // form fields as browsers and OpenAI's SDKs send them: no Content-Type but the file's
            MultipartEntityBuilder b = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.LEGACY)
                    .setContentType(ContentType.create("multipart/form-data"))
                    .addBinaryBody("file", audio.toFile(), contentType(fileName), fileName)
                    .addTextBody("model", model, TEXT)
                    .addTextBody("response_format", "verbose_json", TEXT)
                    .addTextBody("timestamp_granularities[]", "word", TEXT);
            if (lang != null) {
                b.addTextBody("language", lang, TEXT);
            }
            return b.build();
        });
        JsonNode answer;
        try {
            answer = ProviderHttp.JSON.readTree(a.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new SpeechException(target.name() + " answered something other than verbose_json ("
                    + a.body().length + " bytes" + (a.contentType().isEmpty() ? "" : " of "
                    + ProviderHttp.shorten(a.contentType())) + "); check " + target.urlSetting(), false, null);
        }
        return words(answer, target);
    }

    /**
     * The words of a verbose_json answer: {@code words} (OpenAI), else the {@code words} of its {@code segments}
     * (some Whisper servers put them there).
     */
    static List<TimedWord> words(JsonNode answer, ProviderHttp.Target target) throws SpeechException {
        List<JsonNode> found = new ArrayList<>();
        JsonNode words = answer.get("words");
        if (words != null && words.isArray()) {
            words.forEach(found::add);
        } else {
            JsonNode segments = answer.get("segments");
            boolean any = false;
            if (segments != null && segments.isArray()) {
                for (JsonNode s : segments) {
                    JsonNode w = s.get("words");
                    if (w != null && w.isArray()) {
                        any = true;
                        w.forEach(found::add);
                    }
                }
            }
            String text = answer.path("text").asText("");
            if (!any && !text.isBlank()) {
                throw new SpeechException(target.name() + " answered the text without word timings; it needs to "
                        + "support timestamp_granularities[]=word with response_format=verbose_json (OpenAI's "
                        + "whisper-1 does; check transcription-model)", false, null);
            }
        }
        List<TimedWord> out = new ArrayList<>();
        for (JsonNode w : found) {
            String word = w.path("word").asText("").strip();
            JsonNode start = w.get("start");
            JsonNode end = w.get("end");
            if (word.isEmpty() || start == null || end == null || !start.isNumber() || !end.isNumber()) {
                continue;
            }
            out.add(new TimedWord(word, start.asDouble(), Math.max(start.asDouble(), end.asDouble())));
        }
        return out;
    }

    /** The two-letter language of {@code en-US} or {@code en}; null when none or not such a code. */
    static String language(String language) {
        if (language == null) {
            return null;
        }
        String primary = language.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2}") ? primary : null;
    }

    /**
     * The file's name as uploaded: the service tells the format by its extension, and the file given may be named by
     * its hash, so the extension comes from its first bytes when they tell it.
     */
    static String uploadName(Path audio) throws SpeechException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(audio)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SpeechException("cannot read " + audio + ": " + e.getMessage(), false, e);
        }
        byte[] got = java.util.Arrays.copyOf(head, n);
        Optional<String> ext = ProviderFiles.sniffExtension(got);
        if (ext.isPresent()) {
            return "audio." + ext.get();
        }
        String name = Objects.toString(audio.getFileName(), "audio");
        return name.matches("[A-Za-z0-9._-]{1,100}") ? name : "audio";
    }

    private static ContentType contentType(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "wav" -> ContentType.create("audio/wav");
            case "mp3" -> ContentType.create("audio/mpeg");
            case "flac" -> ContentType.create("audio/flac");
            case "ogg" -> ContentType.create("audio/ogg");
            case "m4a" -> ContentType.create("audio/mp4");
            case "webm" -> ContentType.create("audio/webm");
            default -> ContentType.APPLICATION_OCTET_STREAM;
        };
    }
}
