package dev.moviola.asset.speech;

import static dev.moviola.asset.speech.SpeechTesting.assertNoKey;
import static dev.moviola.asset.speech.SpeechTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.asset.speech.FakeProvider.Reply;
import dev.moviola.config.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcription through an OpenAI-compatible API, against a fake one that checks the documented multipart request. */
class OpenAiTranscriberTest {
    private static final String KEY = "tr-0123456789abcdefghijSECRET";
    private static final String OPENAI_KEY = "sk-openai-0123456789abcdefSECRET";
    /** OpenAI's verbose_json with word timestamps (a Whisper server may put a space before each word). */
    private static final String VERBOSE = "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":0.4,"
            + "\"text\":\"Hello, world.\",\"words\":[{\"word\":\" Hello,\",\"start\":0.0,\"end\":0.18},"
            + "{\"word\":\"world.\",\"start\":0.2,\"end\":0.38}],\"segments\":[{\"id\":0,\"start\":0.0,\"end\":0.4,"
            + "\"text\":\"Hello, world.\"}]}";

    @TempDir
    Path dir;
    private Path audio;
    private byte[] audioBytes;

    /** The sound to transcribe, named by its hash as the render's sources are (no extension). */
    @BeforeEach
    void sound() throws Exception {
        audioBytes = SpeechTesting.wav(dir);
        audio = dir.resolve("3f2a9c0d1e");
        Files.write(audio, audioBytes);
    }

    private static void assertTranscriptionRequest(FakeProvider.Request r, String model, String language) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(r.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        Map<String, FakeProvider.Part> parts = FakeProvider.multipart(r);
        assertThat(parts.get("model").text()).isEqualTo(model);
        assertThat(parts.get("model").contentType()).isNull();
        assertThat(parts.get("response_format").text()).isEqualTo("verbose_json");
        assertThat(parts.get("timestamp_granularities[]").text()).isEqualTo("word");
        if (language == null) {
            assertThat(parts).doesNotContainKey("language");
        } else {
            assertThat(parts.get("language").text()).isEqualTo(language);
        }
        FakeProvider.Part file = parts.get("file");
        assertThat(file.fileName()).isEqualTo("audio.wav");
        assertThat(file.contentType()).isEqualTo("audio/wav");
    }

    @Test
    void wordsAreTheWhisperWordsOfASelfHostedServerThatNeedsNoKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("transcription-url", p.url(), "openai-api-key", OPENAI_KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                List<TimedWord> words = new OpenAiTranscriber(s, http).transcribe(audio, "en-US");
                assertThat(words).containsExactly(new TimedWord("Hello,", 0.0, 0.18), new TimedWord("world.", 0.2, 0.38));
            }
            FakeProvider.Request r = p.last();
            assertTranscriptionRequest(r, "whisper-1", "en");
            assertThat(FakeProvider.multipart(r).get("file").body()).isEqualTo(audioBytes);
            // the OpenAI key is OpenAI's: it does not go to another address
            assertThat(r.header("Authorization")).isNull();
            assertThat(r.text()).doesNotContain(OPENAI_KEY);
        }
    }

    @Test
    void aTranscriptionKeyAndModelAreSentToTheTranscriptionService() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("transcription-url", p.url() + "/v1", "transcription-api-key", KEY,
                    "transcription-model", "Systran/faster-whisper-small");
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThat(new OpenAiTranscriber(s, http).transcribe(audio, null)).hasSize(2);
            }
            assertTranscriptionRequest(p.last(), "Systran/faster-whisper-small", null);
            assertThat(p.last().header("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }

    @Test
    void withoutATranscriptionAddressOpenAisIsUsedWithItsKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("openai-url", p.url(), "openai-api-key", OPENAI_KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                OpenAiTranscriber t = new OpenAiTranscriber(s, http);
                assertThat(t.transcribe(audio, "fr")).hasSize(2);
                assertThat(t.identity()).contains("openai-transcription").contains("127.0.0.1").contains("whisper-1")
                        .doesNotContain(OPENAI_KEY);
            }
            assertTranscriptionRequest(p.last(), "whisper-1", "fr");
            assertThat(p.last().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        }
    }

    @Test
    void aTranscriptionAddressThatIsOpenAisGetsTheOpenAiKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("transcription-url", p.url(), "openai-url", p.url() + "/v1",
                    "openai-api-key", OPENAI_KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                new OpenAiTranscriber(s, http).transcribe(audio, null);
            }
            assertThat(p.last().header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        }
    }

    @Test
    void wordsInSegmentsAreReadAndSilenceIsNoWords() throws Exception {
        String segments = "{\"text\":\"Hi there\",\"segments\":[{\"words\":[{\"word\":\" Hi\",\"start\":0.1,\"end\":0.2}]},"
                + "{\"words\":[{\"word\":\" there\",\"start\":0.25,\"end\":0.4}]}]}";
        try (FakeProvider p = new FakeProvider(Reply.json(200, segments), Reply.json(200, "{\"text\":\"\"}"),
                Reply.json(200, "{\"text\":\"Hi there\",\"segments\":[{\"text\":\"Hi there\"}]}"))) {
            ProviderSettings s = settings("transcription-url", p.url());
            try (ProviderHttp http = ProviderHttp.of(s)) {
                OpenAiTranscriber t = new OpenAiTranscriber(s, http);
                assertThat(t.transcribe(audio, null)).extracting(TimedWord::text).containsExactly("Hi", "there");
                assertThat(t.transcribe(audio, null)).isEmpty();
                assertThatThrownBy(() -> t.transcribe(audio, null)).isInstanceOf(SpeechException.class)
                        .hasMessageContaining("without word timings").hasMessageContaining("timestamp_granularities[]=word");
            }
        }
    }

    @Test
    void aServerThatAsksForAKeyNoneWasSetForSaysWhichSettingGivesIt() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(401, "{\"detail\":\"Not authenticated\"}"))) {
            ProviderSettings s = settings("transcription-url", p.url());
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThatThrownBy(() -> new OpenAiTranscriber(s, http).transcribe(audio, null))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.getMessage()).isEqualTo("the transcription service at " + p.url().substring(7)
                                    + " asks for a key (HTTP 401); set transcription-api-key (the transcription service "
                                    + "said: Not authenticated)");
                            assertThat(e.passing()).isFalse();
                        });
            }
        }
    }

    @Test
    void aRefusedKeyFailsAtOnceNamingTheSettingAndWithoutTheKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(403, "{\"error\":{\"message\":\"bad key " + KEY + "\"}}"))) {
            ProviderSettings s = settings("transcription-url", p.url(), "transcription-api-key", KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThatThrownBy(() -> new OpenAiTranscriber(s, http).transcribe(audio, "en"))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.getMessage()).startsWith("the transcription service refused the key (HTTP 403); "
                                    + "check transcription-api-key");
                            assertNoKey(e, KEY);
                        });
            }
            assertThat(p.requests()).hasSize(1);
        }
        try (FakeProvider p = new FakeProvider(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"))) {
            ProviderSettings s = settings("openai-url", p.url(), "openai-api-key", OPENAI_KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThatThrownBy(() -> new OpenAiTranscriber(s, http).transcribe(audio, "en"))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.getMessage()).startsWith("OpenAI refused the key (HTTP 401); check openai-api-key");
                            assertNoKey(e, OPENAI_KEY);
                        });
            }
        }
    }

    @Test
    void a429IsTriedAgainAfterTheRetryAfterItSends() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                .with("Retry-After", "1"), Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("transcription-url", p.url(), "transcription-api-key", KEY);
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThat(new OpenAiTranscriber(s, http).transcribe(audio, "en")).hasSize(2);
            }
            List<FakeProvider.Request> rs = p.requests();
            assertThat(rs).hasSize(2);
            assertThat(SpeechTesting.gap(rs.get(0), rs.get(1))).isGreaterThanOrEqualTo(0.95);
            // the file is sent whole again
            assertTranscriptionRequest(rs.get(1), "whisper-1", "en");
            assertThat(FakeProvider.multipart(rs.get(1)).get("file").body()).isEqualTo(audioBytes);
        }
    }

    @Test
    void a500IsTriedAgain() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{\"detail\":\"model loading\"}"), Reply.json(200, VERBOSE))) {
            ProviderSettings s = settings("transcription-url", p.url());
            try (ProviderHttp http = ProviderHttp.of(s)) {
                assertThat(new OpenAiTranscriber(s, http).transcribe(audio, "en")).hasSize(2);
            }
            assertThat(p.requests()).hasSize(2);
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsTriedAgainThenAPassingFailure() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.hang())) {
            ProviderSettings s = settings("transcription-url", p.url(), "transcription-api-key", KEY,
                    "provider-timeout", "0.5", "provider-retries", "2");
            try (ProviderHttp http = SpeechTesting.quick(s)) {
                assertThatThrownBy(() -> new OpenAiTranscriber(s, http).transcribe(audio, "en"))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.passing()).isTrue();
                            assertThat(e.getMessage()).contains("did not answer within 0.5 s").contains("tried 3 times")
                                    .contains("transcription-url");
                            assertNoKey(e, KEY);
                        });
            }
            assertThat(p.requests()).hasSize(3);
        }
    }

    @Test
    void withNeitherAnAddressNorAnOpenAiKeyTheMessageNamesTranscriptionUrl() {
        ProviderSettings s = settings();
        try (ProviderHttp http = ProviderHttp.of(s)) {
            assertThatThrownBy(() -> new OpenAiTranscriber(s, http).transcribe(audio, "en"))
                    .isInstanceOf(SpeechException.class).hasMessageContaining("set transcription-url (MOVIOLA_TRANSCRIPTION_URL)")
                    .hasMessageContaining("openai-api-key");
        }
    }

    @Test
    void theLanguageSentIsTheTwoLetterCode() {
        assertThat(OpenAiTranscriber.language("en-US")).isEqualTo("en");
        assertThat(OpenAiTranscriber.language("pt_BR")).isEqualTo("pt");
        assertThat(OpenAiTranscriber.language("DE")).isEqualTo("de");
        assertThat(OpenAiTranscriber.language("yue-HK")).isNull();
        assertThat(OpenAiTranscriber.language(null)).isNull();
    }
}
