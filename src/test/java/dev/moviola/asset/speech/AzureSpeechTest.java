package dev.moviola.asset.speech;

import static dev.moviola.asset.speech.SpeechTesting.assertNoKey;
import static dev.moviola.asset.speech.SpeechTesting.request;
import static dev.moviola.asset.speech.SpeechTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.asset.speech.FakeProvider.Reply;
import dev.moviola.config.ProviderSettings;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Voices with model azure, against a fake Azure Speech REST API that checks the documented request. */
class AzureSpeechTest {
    private static final String KEY = "az0123456789abcdef0123456789SECRET";

    @TempDir
    Path dir;

    private ProviderSettings azure(FakeProvider p, String... more) {
        String[] kv = new String[4 + more.length];
        kv[0] = "azure-speech-key";
        kv[1] = KEY;
        kv[2] = "azure-speech-url";
        kv[3] = p.url();
        System.arraycopy(more, 0, kv, 4, more.length);
        return settings(kv);
    }

    private static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    /** The request is the documented one: POST, key header, SSML content type, output format, user agent. */
    private static void assertAzureRequest(FakeProvider.Request r) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/cognitiveservices/v1");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
        assertThat(r.header("Content-Type")).startsWith("application/ssml+xml");
        assertThat(r.header("X-Microsoft-OutputFormat")).isEqualTo("riff-24khz-16bit-mono-pcm");
        assertThat(r.header("User-Agent")).startsWith("Moviola");
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    void speechIsTheWavAzureAnswersForEscapedSsmlInTheVoicesLanguage() throws Exception {
        String text = "Fish & chips <for> \"two\", isn't it? 1 < 2 > 0";
        try (FakeProvider p = new FakeProvider(Reply.of(200, "audio/x-wav", SpeechTesting.wav(dir)));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            Speech s = new AzureSpeech(azure(p), http).synthesize(request(text, "fr-FR-VivienneMultilingualNeural",
                    "azure", null), dir.resolve("out"));
            assertThat(s.words()).isNull();
            assertThat(s.audio()).startsWith(dir.resolve("out")).hasExtension("wav");
            SpeechTesting.assertSound(s.audio(), 0.4);
            FakeProvider.Request r = p.last();
            assertAzureRequest(r);
            Document ssml = xml(r.body());
            Element speak = ssml.getDocumentElement();
            assertThat(speak.getLocalName()).isEqualTo("speak");
            assertThat(speak.getAttribute("version")).isEqualTo("1.0");
            assertThat(speak.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")).isEqualTo("fr-FR");
            Element voice = (Element) speak.getElementsByTagNameNS("*", "voice").item(0);
            assertThat(voice.getAttribute("name")).isEqualTo("fr-FR-VivienneMultilingualNeural");
            assertThat(voice.getTextContent()).isEqualTo(text);
            assertThat(r.text()).contains("Fish &amp; chips &lt;for&gt; &quot;two&quot;, isn&apos;t it?");
        }
    }

    @Test
    void anElementWithoutAVoiceGetsTheDefaultVoiceAndModelSettingsBecomeProsodyAndStyle() throws Exception {
        ObjectMapper m = new ObjectMapper();
        try (FakeProvider p = new FakeProvider(Reply.of(200, "audio/x-wav", SpeechTesting.wav(dir)));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            new AzureSpeech(azure(p), http).synthesize(request("Hello", null, "azure", m.readTree(
                    "{\"rate\":\"+20%\",\"pitch\":\"-2st\",\"volume\":80,\"style\":\"cheerful\",\"styledegree\":1.5,"
                            + "\"unknown\":\"ignored\"}")), dir);
            Document ssml = xml(p.last().body());
            Element voice = (Element) ssml.getElementsByTagNameNS("*", "voice").item(0);
            assertThat(voice.getAttribute("name")).isEqualTo(AzureSpeech.DEFAULT_VOICE);
            Element express = (Element) ssml.getElementsByTagNameNS("https://www.w3.org/2001/mstts", "express-as").item(0);
            assertThat(express.getAttribute("style")).isEqualTo("cheerful");
            assertThat(express.getAttribute("styledegree")).isEqualTo("1.5");
            Element prosody = (Element) express.getElementsByTagNameNS("*", "prosody").item(0);
            assertThat(prosody.getAttribute("rate")).isEqualTo("+20%");
            assertThat(prosody.getAttribute("pitch")).isEqualTo("-2st");
            assertThat(prosody.getAttribute("volume")).isEqualTo("80");
            assertThat(prosody.getTextContent()).isEqualTo("Hello");
            assertThat(p.last().text()).doesNotContain("unknown");
        }
    }

    @Test
    void aModelSettingThatCouldBreakTheSsmlIsRefusedBeforeAnythingIsSent() throws Exception {
        ObjectMapper m = new ObjectMapper();
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{}"));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            assertThatThrownBy(() -> new AzureSpeech(azure(p), http).synthesize(request("Hi", null, "azure",
                    m.readTree("{\"rate\":\"1'><evil/>\"}")), dir))
                    .isInstanceOf(SpeechException.class).hasMessageStartingWith("model-settings.rate: expected");
            assertThat(p.requests()).isEmpty();
        }
    }

    @Test
    void theLanguageIsTheVoicesLocale() {
        assertThat(AzureSpeech.language("en-US-EmmaMultilingualNeural")).isEqualTo("en-US");
        assertThat(AzureSpeech.language("en-US-Ava:DragonHDLatestNeural")).isEqualTo("en-US");
        assertThat(AzureSpeech.language("sr-Latn-RS-NicholasNeural")).isEqualTo("sr-Latn-RS");
        assertThat(AzureSpeech.language("zh-CN-shaanxi-XiaoniNeural")).isEqualTo("zh-CN");
        assertThat(AzureSpeech.language("my-custom-voice")).isEqualTo("en-US");
    }

    @Test
    void theDefaultAddressIsTheRegionsAndTheIdentityNamesItWithoutTheKey() throws Exception {
        ProviderSettings s = settings("azure-speech-key", KEY, "azure-speech-region", "westeurope");
        try (ProviderHttp http = ProviderHttp.of(s)) {
            AzureSpeech azure = new AzureSpeech(s, http);
            assertThat(azure.address()).hasValueSatisfying(u -> assertThat(u)
                    .hasToString("https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1"));
            assertThat(azure.identity()).contains("azure").contains("westeurope.tts.speech.microsoft.com")
                    .contains("riff-24khz-16bit-mono-pcm").doesNotContain(KEY);
        }
    }

    @Test
    void aRefusedKeyFailsAtOnceNamingTheSettingAndWithoutTheKey() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.of(401, "text/plain", new byte[0]));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            assertThatThrownBy(() -> new AzureSpeech(azure(p), http).synthesize(request("Hi", null, "azure", null), dir))
                    .isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).startsWith("Azure refused the key (HTTP 401); check azure-speech-key");
                        assertThat(e.passing()).isFalse();
                        assertNoKey(e, KEY);
                    });
            assertThat(p.requests()).hasSize(1);
        }
    }

    @Test
    void a429IsTriedAgainAfterTheRetryAfterItSends() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Too many\"}}")
                .with("Retry-After", "1"), Reply.of(200, "audio/x-wav", SpeechTesting.wav(dir)));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            Speech s = new AzureSpeech(azure(p), http).synthesize(request("Hi", null, "azure", null), dir);
            SpeechTesting.assertSound(s.audio(), 0.4);
            List<FakeProvider.Request> rs = p.requests();
            assertThat(rs).hasSize(2);
            assertThat(SpeechTesting.gap(rs.get(0), rs.get(1))).isGreaterThanOrEqualTo(0.95);
            assertAzureRequest(rs.get(1));
        }
    }

    @Test
    void a500IsTriedAgain() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(500, "{}"), Reply.of(200, "audio/x-wav", SpeechTesting.wav(dir)));
                ProviderHttp http = ProviderHttp.of(azure(p))) {
            Speech s = new AzureSpeech(azure(p), http).synthesize(request("Hi", null, "azure", null), dir);
            SpeechTesting.assertSound(s.audio(), 0.4);
            assertThat(p.requests()).hasSize(2);
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsTriedAgainThenAPassingFailure() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.hang())) {
            ProviderSettings s = azure(p, "provider-timeout", "0.5", "provider-retries", "2");
            try (ProviderHttp http = SpeechTesting.quick(s)) {
                assertThatThrownBy(() -> new AzureSpeech(s, http).synthesize(request("Hi", null, "azure", null), dir))
                        .isInstanceOfSatisfying(SpeechException.class, e -> {
                            assertThat(e.passing()).isTrue();
                            assertThat(e.getMessage()).contains("Azure did not answer within 0.5 s").contains("tried 3 times");
                            assertNoKey(e, KEY);
                        });
            }
            assertThat(p.requests()).hasSize(3);
        }
    }

    @Test
    void withoutAKeyTheMessageNamesTheSettings() throws Exception {
        ProviderSettings s = settings("azure-speech-region", "westeurope");
        try (ProviderHttp http = ProviderHttp.of(s)) {
            assertThatThrownBy(() -> new AzureSpeech(s, http).synthesize(request("Hi", null, "azure", null), dir))
                    .isInstanceOf(SpeechException.class)
                    .hasMessage("voices with model azure need an Azure Speech key: set azure-speech-key "
                            + "(MOVIOLA_AZURE_SPEECH_KEY) and azure-speech-region (MOVIOLA_AZURE_SPEECH_REGION)");
        }
        ProviderSettings noRegion = settings("azure-speech-key", KEY);
        try (ProviderHttp http = ProviderHttp.of(noRegion)) {
            assertThatThrownBy(() -> new AzureSpeech(noRegion, http).synthesize(request("Hi", null, "azure", null), dir))
                    .isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).contains("azure-speech-region").contains("azure-speech-url");
                        assertNoKey(e, KEY);
                    });
        }
    }
}
