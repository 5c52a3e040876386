package dev.moviola.asset.speech;

import static dev.moviola.asset.speech.SpeechTesting.assertNoKey;
import static dev.moviola.asset.speech.SpeechTesting.request;
import static dev.moviola.asset.speech.SpeechTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.asset.speech.FakeProvider.Reply;
import dev.moviola.config.ProviderSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voices with model openai, against a fake OpenAI speech API that checks the documented request. */
class OpenAiSpeechTest {
    private static final String KEY = "sk-test-0123456789abcdefghijklmnopSECRET";
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static ProviderSettings openai(FakeProvider p, String... more) {
        String[] kv = new String[4 + more.length];
        kv[0] = "openai-api-key";
        kv[1] = KEY;
        kv[2] = "openai-url";
        kv[3] = p.url();
        System.arraycopy(more, 0, kv, 4, more.length);
        return settings(kv);
    }

    /** A WAV as OpenAI streams it: RIFF and data sizes 0xFFFFFFFF. */
    private byte[] streamedWav() throws Exception {
        byte[] wav = SpeechTesting.wav(dir);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, -1);
        b.putInt(ProviderHttpTest.dataChunk(wav) + 4, -1);
        return wav;
    }

    private static void assertOpenAiRequest(FakeProvider.Request r) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/audio/speech");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void speechIsTheWavOpenAiStreamsWithItsSizesMadeTrue() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.of(200, "audio/wav", streamedWav()));
                ProviderHttp http = ProviderHttp.of(openai(p))) {
            Speech s = new OpenAiSpeech(openai(p), http).synthesize(request("It's <b> & \"c\"",
                    "en-US-EmmaMultilingualNeural", "openai", null), dir.resolve("out"));
            assertThat(s.words()).isNull();
            assertThat(s.audio()).startsWith(dir.resolve("out")).hasExtension("wav");
            SpeechTesting.assertSound(s.audio(), 0.4);
            byte[] written = Files.readAllBytes(s.audio());
            assertThat(ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(written.length - 8);
            FakeProvider.Request r = p.last();
            assertOpenAiRequest(r);
            JsonNode body = M.readTree(r.body());
            assertThat(body).isEqualTo(M.readTree("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"It's <b> & \\\"c\\\"\","
                    + "\"response_format\":\"wav\"}"));
        }
    }

    @Test
    void anOpenAiVoiceModelSpeedAndMp3AreAsked() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.of(200, "audio/mpeg", SpeechTesting.mp3(dir)));
                ProviderHttp http = ProviderHttp.of(openai(p))) {
            Speech s = new OpenAiSpeech(openai(p), http).synthesize(request("Hi", "Nova", "openai", M.readTree(
                    "{\"model\":\"gpt-4o-mini-tts\",\"speed\":1.25,\"response_format\":\"mp3\",\"instructions\":\"calm\","
                            + "\"other\":true}")), dir);
            assertThat(s.audio()).hasExtension("mp3");
            SpeechTesting.assertSound(s.audio(), 0.4);
            JsonNode body = M.readTree(p.last().body());
            assertThat(body).isEqualTo(M.readTree("{\"model\":\"gpt-4o-mini-tts\",\"voice\":\"nova\",\"input\":\"Hi\","
                    + "\"response_format\":\"mp3\",\"speed\":1.25,\"instructions\":\"calm\"}"));
        }
    }

    @Test
    void voicesOpenAiDoesNotHaveBecomeTheDefaultOne() {
        assertThat(OpenAiSpeech.voice(null)).isEqualTo("alloy");
        assertThat(OpenAiSpeech.voice("en-GB-RyanNeural")).isEqualTo("alloy");
        assertThat(OpenAiSpeech.voice("SHIMMER")).isEqualTo("shimmer");
    }

    @Test
    void aSpeedOutOfRangeIsRefusedBeforeAnythingIsSent() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{}")); ProviderHttp http = ProviderHttp.of(openai(p))) {
            assertThatThrownBy(() -> new OpenAiSpeech(openai(p), http).synthesize(request("Hi", null, "openai",
                    M.readTree("{\"speed\":9}")), dir)).isInstanceOf(SpeechException.class)
                    .hasMessage("model-settings.speed: expected a number from 0.25 to 4, got 9");
            assertThatThrownBy(() -> new OpenAiSpeech(openai(p), http).synthesize(request("x".repeat(4097), null,
                    "openai", null), dir)).isInstanceOf(SpeechException.class).hasMessageContaining("at most 4096");
            assertThat(p.requests()).isEmpty();
        }
    }

    @Test
    void aRefusedKeyFailsAtOnceNamingTheSettingAndWithoutTheKeyOrItsMaskedEcho() throws Exception {
        String masked = KEY.substring(0, 8) + "*".repeat(20) + KEY.substring(KEY.length() - 4);
        try (FakeProvider p = new FakeProvider(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + masked + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
                ProviderHttp http = ProviderHttp.of(openai(p))) {
            assertThatThrownBy(() -> new OpenAiSpeech(openai(p), http).synthesize(request("Hi", null, "openai", null),
                    dir)).isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).startsWith("OpenAI refused the key (HTTP 401); check openai-api-key")
                                .contains("Incorrect API key provided: (redacted)").doesNotContain(masked);
                        assertThat(e.passing()).isFalse();
                        assertNoKey(e, KEY);
                    });
            assertThat(p.requests()).hasSize(1);
        }
    }

    @Test
    void a429IsTriedAgainAfterTheRetryAfterItSendsAndTheLogHoldsNoKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached for key "
                + KEY + "\"}}").with("Retry-After", "1"), Reply.of(200, "audio/wav", streamedWav()));
                ProviderHttp http = ProviderHttp.of(openai(p))) {
            SpeechTesting.Logged<Speech> run = SpeechTesting.logged(() -> new OpenAiSpeech(openai(p), http)
                    .synthesize(request("Hi", null, "openai", null), dir));
            assertThat(run.failure()).isNull();
            SpeechTesting.assertSound(run.result().audio(), 0.4);
            assertThat(run.log()).contains("OpenAI answered HTTP 429").contains("trying again in 1 s")
                    .doesNotContain(KEY);
            List<FakeProvider.Request> rs = p.requests();
            assertThat(rs).hasSize(2);
            assertThat(SpeechTesting.gap(rs.get(0), rs.get(1))).isGreaterThanOrEqualTo(0.95);
            assertOpenAiRequest(rs.get(1));
        }
    }

    @Test
    void a500IsTriedAgain() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"),
                Reply.of(200, "audio/wav", streamedWav())); ProviderHttp http = ProviderHttp.of(openai(p))) {
            Speech s = new OpenAiSpeech(openai(p), http).synthesize(request("Hi", null, "openai", null), dir);
            SpeechTesting.assertSound(s.audio(), 0.4);
            assertThat(p.requests()).hasSize(2);
        }
    }

    @Test
    void aProviderThatStaysBusyIsAPassingFailureAfterTheRetries() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{\"error\":{\"message\":\"server error\"}}"))) {
            ProviderSettings s = openai(p, "provider-retries", "2");
            try (ProviderHttp http = SpeechTesting.quick(s)) {
                assertThatThrownBy(() -> new OpenAiSpeech(s, http).synthesize(request("Hi", null, "openai", null), dir))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.passing()).isTrue();
                            assertThat(e.getMessage()).isEqualTo("OpenAI answered HTTP 500 (server error) (tried 3 "
                                    + "times); try again later");
                        });
            }
            assertThat(p.requests()).hasSize(3);
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsTriedAgainThenAPassingFailure() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.hang())) {
            ProviderSettings s = openai(p, "provider-timeout", "0.5", "provider-retries", "2");
            try (ProviderHttp http = SpeechTesting.quick(s)) {
                assertThatThrownBy(() -> new OpenAiSpeech(s, http).synthesize(request("Hi", null, "openai", null), dir))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.passing()).isTrue();
                            assertThat(e.getMessage()).contains("OpenAI did not answer within 0.5 s")
                                    .contains("tried 3 times").contains("openai-url");
                            assertNoKey(e, KEY);
                        });
            }
            assertThat(p.requests()).hasSize(3);
        }
    }

    @Test
    void withoutAKeyTheMessageNamesTheSetting() throws Exception {
        ProviderSettings s = settings();
        try (ProviderHttp http = ProviderHttp.of(s)) {
            assertThatThrownBy(() -> new OpenAiSpeech(s, http).synthesize(request("Hi", null, "openai", null), dir))
                    .isInstanceOf(SpeechException.class)
                    .hasMessage("voices with model openai need an OpenAI API key: set openai-api-key (MOVIOLA_OPENAI_API_KEY)");
        }
    }

    @Test
    void theIdentityNamesTheHostModelAndVoiceMappingButNoKey() {
        ProviderSettings s = settings("openai-api-key", KEY);
        try (ProviderHttp http = ProviderHttp.of(s)) {
            assertThat(new OpenAiSpeech(s, http).identity()).contains("api.openai.com").contains("tts-1")
                    .contains("voices=1").doesNotContain(KEY);
        }
    }
}
