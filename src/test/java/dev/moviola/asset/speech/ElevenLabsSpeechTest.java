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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voices with model elevenlabs, against a fake ElevenLabs API that checks the documented request. */
class ElevenLabsSpeechTest {
    private static final String KEY = "sk_0123456789abcdef0123456789abcdefSECRET";
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static ProviderSettings eleven(FakeProvider p, String... more) {
        String[] kv = new String[4 + more.length];
        kv[0] = "elevenlabs-api-key";
        kv[1] = KEY;
        kv[2] = "elevenlabs-url";
        kv[3] = p.url();
        System.arraycopy(more, 0, kv, 4, more.length);
        return settings(kv);
    }

    private Reply answer(String text) throws Exception {
        return SpeechTesting.elevenLabsAnswer(text, dir);
    }

    private static void assertElevenLabsRequest(FakeProvider.Request r, String voiceId) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/text-to-speech/" + voiceId + "/with-timestamps");
        assertThat(r.query()).isEqualTo("output_format=mp3_44100_128");
        assertThat(r.header("xi-api-key")).isEqualTo(KEY);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    void speechIsTheDecodedMp3AndItsWordsComeFromTheCharacterTimings() throws Exception {
        String text = "Hi  there, <you> & me";
        try (FakeProvider p = new FakeProvider(answer(text)); ProviderHttp http = ProviderHttp.of(eleven(p))) {
            Speech s = new ElevenLabsSpeech(eleven(p), http).synthesize(request(text, "21m00Tcm4TlvDq8ikWAM",
                    "elevenlabs", null), dir.resolve("out"));
            assertThat(s.audio()).startsWith(dir.resolve("out")).hasExtension("mp3");
            SpeechTesting.assertSound(s.audio(), 0.4);
            assertThat(s.words()).extracting(TimedWord::text).containsExactly("Hi", "there,", "<you>", "&", "me");
            // "Hi" 0–0.04; two spaces (0.1); "there," 0.14 + 6 × 0.02
            assertThat(s.words().get(0).start()).isEqualTo(0.0);
            assertThat(s.words().get(0).end()).isEqualTo(0.04);
            assertThat(s.words().get(1).start()).isEqualTo(0.14);
            assertThat(s.words().get(1).end()).isEqualTo(0.26);
            FakeProvider.Request r = p.last();
            assertElevenLabsRequest(r, "21m00Tcm4TlvDq8ikWAM");
            JsonNode body = M.readTree(r.body());
            assertThat(body.get("text").asText()).isEqualTo(text);
            assertThat(body.get("model_id").asText()).isEqualTo("eleven_multilingual_v2");
            assertThat(body.has("voice_settings")).isFalse();
        }
    }

    @Test
    void flashAnAzureVoiceNameAndVoiceSettings() throws Exception {
        try (FakeProvider p = new FakeProvider(answer("Hello")); ProviderHttp http = ProviderHttp.of(eleven(p))) {
            new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hello", "en-US-EmmaMultilingualNeural",
                    "elevenlabs-flash-v2-5", M.readTree("{\"stability\":0.4,\"similarity_boost\":0.8,\"style\":0.1,"
                            + "\"use_speaker_boost\":true,\"speed\":1.1,\"other\":1}")), dir);
            FakeProvider.Request r = p.last();
            assertElevenLabsRequest(r, ElevenLabsSpeech.DEFAULT_VOICE);
            JsonNode body = M.readTree(r.body());
            assertThat(body.get("model_id").asText()).isEqualTo("eleven_flash_v2_5");
            assertThat(body.get("voice_settings")).isEqualTo(M.readTree("{\"stability\":0.4,\"similarity_boost\":0.8,"
                    + "\"style\":0.1,\"use_speaker_boost\":true,\"speed\":1.1}"));
            assertThat(body.has("other")).isFalse();
        }
    }

    @Test
    void modelIdInModelSettingsOverridesTheModelsAndNoVoiceIsTheDefaultOne() throws Exception {
        try (FakeProvider p = new FakeProvider(answer("Hello")); ProviderHttp http = ProviderHttp.of(eleven(p))) {
            new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hello", null, "elevenlabs",
                    M.readTree("{\"model_id\":\"eleven_turbo_v2_5\"}")), dir);
            assertElevenLabsRequest(p.last(), ElevenLabsSpeech.DEFAULT_VOICE);
            assertThat(M.readTree(p.last().body()).get("model_id").asText()).isEqualTo("eleven_turbo_v2_5");
        }
    }

    @Test
    void aVoiceThatCannotBeAnIdIsRefusedBeforeAnythingIsSent() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{}")); ProviderHttp http = ProviderHttp.of(eleven(p))) {
            assertThatThrownBy(() -> new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hi", "../../v1/user",
                    "elevenlabs", null), dir)).isInstanceOf(SpeechException.class)
                    .hasMessageContaining("is not an ElevenLabs voice id");
            assertThat(p.requests()).isEmpty();
        }
    }

    @Test
    void withoutAlignmentTheWordsAreLeftToTheAligner() {
        assertThat(ElevenLabsSpeech.words(null)).isNull();
        assertThat(ElevenLabsSpeech.words(M.createObjectNode())).isNull();
    }

    @Test
    void aRefusedKeyFailsAtOnceNamingTheSettingAndWithoutTheKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(401, "{\"detail\":{\"status\":\"invalid_api_key\","
                + "\"message\":\"Invalid API key: " + KEY + "\"}}")); ProviderHttp http = ProviderHttp.of(eleven(p))) {
            assertThatThrownBy(() -> new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hi", null, "elevenlabs",
                    null), dir)).isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).startsWith("ElevenLabs refused the key (HTTP 401); check "
                                + "elevenlabs-api-key").contains("Invalid API key");
                        assertThat(e.passing()).isFalse();
                        assertNoKey(e, KEY);
                    });
            assertThat(p.requests()).hasSize(1);
        }
    }

    @Test
    void a429IsTriedAgainAfterTheRetryAfterItSends() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\","
                + "\"message\":\"busy\"}}").with("Retry-After", "1"), answer("Hi"));
                ProviderHttp http = ProviderHttp.of(eleven(p))) {
            Speech s = new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hi", null, "elevenlabs", null), dir);
            SpeechTesting.assertSound(s.audio(), 0.4);
            assertThat(s.words()).extracting(TimedWord::text).containsExactly("Hi");
            List<FakeProvider.Request> rs = p.requests();
            assertThat(rs).hasSize(2);
            assertThat(SpeechTesting.gap(rs.get(0), rs.get(1))).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void a500IsTriedAgain() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{}"), answer("Hi"));
                ProviderHttp http = ProviderHttp.of(eleven(p))) {
            Speech s = new ElevenLabsSpeech(eleven(p), http).synthesize(request("Hi", null, "elevenlabs", null), dir);
            SpeechTesting.assertSound(s.audio(), 0.4);
            assertThat(p.requests()).hasSize(2);
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsTriedAgainThenAPassingFailure() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.hang())) {
            ProviderSettings s = eleven(p, "provider-timeout", "0.5", "provider-retries", "2");
            try (ProviderHttp http = SpeechTesting.quick(s)) {
                assertThatThrownBy(() -> new ElevenLabsSpeech(s, http).synthesize(request("Hi", null, "elevenlabs",
                        null), dir)).isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.passing()).isTrue();
                            assertThat(e.getMessage()).contains("ElevenLabs did not answer within 0.5 s")
                                    .contains("tried 3 times");
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
            assertThatThrownBy(() -> new ElevenLabsSpeech(s, http).synthesize(request("Hi", null,
                    "elevenlabs-flash-v2-5", null), dir)).isInstanceOf(SpeechException.class)
                    .hasMessage("voices with model elevenlabs-flash-v2-5 need an ElevenLabs API key: set "
                            + "elevenlabs-api-key (MOVIOLA_ELEVENLABS_API_KEY)");
        }
    }

    @Test
    void theIdentityNamesTheHostModelsAndVoiceMappingButNoKey() {
        ProviderSettings s = settings("elevenlabs-api-key", KEY);
        try (ProviderHttp http = ProviderHttp.of(s)) {
            assertThat(new ElevenLabsSpeech(s, http).identity()).contains("api.elevenlabs.io")
                    .contains("eleven_multilingual_v2").contains("eleven_flash_v2_5").contains("voices=1")
                    .doesNotContain(KEY);
        }
    }
}
