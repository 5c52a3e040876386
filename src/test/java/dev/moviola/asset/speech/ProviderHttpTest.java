package dev.moviola.asset.speech;

import static dev.moviola.asset.speech.SpeechTesting.assertNoKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.asset.speech.FakeProvider.Reply;
import dev.moviola.config.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer the providers' clients share: retries, Retry-After, timeouts, interruption, and keys kept out. */
class ProviderHttpTest {
    private static final String KEY = "pk-0123456789abcdefSECRET";

    @TempDir
    Path dir;

    private static ProviderHttp.Target target(Secret key) {
        return new ProviderHttp.Target("Acme", "acme-key", "acme-url", "X-Key", "", key,
                dev.moviola.metrics.Meters.Provider.speech("acme"));
    }

    private static ProviderHttp.Answer answer(int status, String contentType, String body) {
        return new ProviderHttp.Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndCapped() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(ProviderHttp.retryAfter("3", now)).contains(Duration.ofSeconds(3));
        assertThat(ProviderHttp.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atOffset(ZoneOffset.UTC));
        assertThat(ProviderHttp.retryAfter(date, now)).contains(Duration.ofSeconds(7));
        assertThat(ProviderHttp.retryAfter("Thu, 01 Jan 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("86400", now)).contains(Duration.ofSeconds(ProviderHttp.MAX_RETRY_AFTER_SECONDS));
        assertThat(ProviderHttp.retryAfter("soon", now)).isEmpty();
        assertThat(ProviderHttp.retryAfter(null, now)).isEmpty();
    }

    @Test
    void backoffDoublesWithJitterFromHalfASecond() {
        try (ProviderHttp http = new ProviderHttp(Duration.ofSeconds(1), 5)) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.backoff(1).toMillis()).isBetween(375L, 625L);
                assertThat(http.backoff(2).toMillis()).isBetween(750L, 1250L);
                assertThat(http.backoff(3).toMillis()).isBetween(1500L, 2500L);
                assertThat(http.backoff(40).toMillis()).isLessThanOrEqualTo(30_000L);
            }
        }
    }

    @Test
    void theProvidersErrorMessageIsQuotedShortOnOneLineAndWithoutTheKey() {
        Secret key = Secret.of(KEY);
        assertThat(ProviderHttp.errorMessage(answer(400, "application/json",
                "{\"error\":{\"message\":\"Invalid value for 'voice'.\",\"type\":\"invalid_request_error\"}}"), key))
                .isEqualTo("Invalid value for 'voice'.");
        assertThat(ProviderHttp.errorMessage(answer(401, "application/json",
                "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}"), key))
                .isEqualTo("Invalid API key");
        assertThat(ProviderHttp.errorMessage(answer(422, "application/json",
                "{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"field required\",\"type\":\"missing\"}]}"), key))
                .isEqualTo("field required");
        assertThat(ProviderHttp.errorMessage(answer(400, "text/plain", "bad\n\n  request\u0007"), key)).isEqualTo("bad request");
        assertThat(ProviderHttp.errorMessage(answer(502, "text/html", "<html><body>Bad gateway</body></html>"), key)).isEmpty();
        assertThat(ProviderHttp.errorMessage(answer(400, "application/json", "x".repeat(1000)), key))
                .hasSize(ProviderHttp.MAX_QUOTE);
        String echoed = ProviderHttp.errorMessage(answer(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + " or pk-012***CRET; header X-Key: " + KEY
                        + "\"}}"), key);
        assertThat(echoed).doesNotContain(KEY).doesNotContain("pk-012***CRET").contains("(redacted)")
                .startsWith("Incorrect API key provided:");
    }

    @Test
    void endpointsAppendThePathOnceEvenWhenTheSettingEndsInV1() {
        assertThat(ProviderHttp.endpoint(URI.create("https://api.openai.com"), "/v1/audio/speech"))
                .hasToString("https://api.openai.com/v1/audio/speech");
        assertThat(ProviderHttp.endpoint(URI.create("https://api.openai.com/v1"), "/v1/audio/speech"))
                .hasToString("https://api.openai.com/v1/audio/speech");
        assertThat(ProviderHttp.endpoint(URI.create("http://proxy.local:8080/speech/"), "/v1/audio/speech"))
                .hasToString("http://proxy.local:8080/speech/v1/audio/speech");
    }

    @Test
    void aStreamedWavGetsItsTrueSizes() throws Exception {
        byte[] wav = SpeechTesting.wav(dir);
        byte[] streamed = wav.clone();
        ByteBuffer b = ByteBuffer.wrap(streamed).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, -1);
        int data = dataChunk(streamed);
        b.putInt(data + 4, -1);
        byte[] fixed = ProviderFiles.fixWavSizes(streamed);
        assertThat(fixed).isEqualTo(wav);
        assertThat(ProviderFiles.fixWavSizes("not a wav".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("not a wav".getBytes(StandardCharsets.US_ASCII));
    }

    static int dataChunk(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (!new String(wav, at, 4, StandardCharsets.US_ASCII).equals("data")) {
            at += 8 + b.getInt(at + 4);
        }
        return at;
    }

    @Test
    void audioIsRecognisedByItsFirstBytes() throws Exception {
        assertThat(ProviderFiles.sniffExtension(SpeechTesting.wav(dir))).contains("wav");
        assertThat(ProviderFiles.sniffExtension(SpeechTesting.mp3(dir))).contains("mp3");
        assertThat(ProviderFiles.sniffExtension("{\"a\":1}".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyStaysWithTheProvider() throws Exception {
        try (FakeProvider elsewhere = new FakeProvider(Reply.json(200, "{}"));
                FakeProvider p = new FakeProvider(new Reply(307, Map.of("Location", elsewhere.url() + "/steal"),
                        new byte[0], false));
                ProviderHttp http = new ProviderHttp(Duration.ofSeconds(2), 2)) {
            assertThatThrownBy(() -> http.post(target(Secret.of(KEY)), URI.create(p.url() + "/v1/x"), Map.of(),
                    () -> new StringEntity("{}", ContentType.APPLICATION_JSON)))
                    .isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).contains("redirect (HTTP 307)").contains("acme-url");
                        assertThat(e.passing()).isFalse();
                        assertNoKey(e, KEY);
                    });
            assertThat(p.requests()).hasSize(1);
            assertThat(p.last().header("X-Key")).isEqualTo(KEY);
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void anAddressNobodyListensAtIsTriedAgainThenAPassingFailureNamingTheSetting() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ProviderHttp http = new ProviderHttp(Duration.ofSeconds(2), 2, Duration.ofMillis(20))) {
            assertThatThrownBy(() -> http.post(target(Secret.of(KEY)), URI.create("http://127.0.0.1:" + port + "/v1/x"),
                    Map.of(), () -> new StringEntity("{}", ContentType.APPLICATION_JSON)))
                    .isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).startsWith("could not reach Acme at 127.0.0.1:" + port)
                                .contains("tried 3 times").contains("acme-url");
                        assertThat(e.passing()).isTrue();
                        assertNoKey(e, KEY);
                    });
        }
    }

    @Test
    void anotherClientErrorFailsAtOnceWithTheProvidersMessage() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(400, "{\"error\":{\"message\":\"voice not found\"}}"));
                ProviderHttp http = new ProviderHttp(Duration.ofSeconds(2), 3)) {
            assertThatThrownBy(() -> http.post(target(Secret.of(KEY)), URI.create(p.url() + "/v1/x"), Map.of(),
                    () -> new StringEntity("{}", ContentType.APPLICATION_JSON)))
                    .isInstanceOfSatisfying(SpeechException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Acme refused the request (HTTP 400): voice not found");
                        assertThat(e.passing()).isFalse();
                    });
            assertThat(p.requests()).hasSize(1);
        }
    }

    @Test
    void anInterruptedThreadStopsWaitingForTheAnswerAtOnce() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.hang());
                ProviderHttp http = new ProviderHttp(Duration.ofSeconds(60), 3)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    http.post(target(Secret.of(KEY)), URI.create(p.url() + "/v1/x"), Map.of(),
                            () -> new StringEntity("{}", ContentType.APPLICATION_JSON));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            while (p.requests().isEmpty()) {
                Thread.sleep(10);
            }
            t.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(p.requests()).hasSize(1);
        }
    }

    @Test
    void anInterruptedThreadStopsWaitingBetweenTriesAtOnce() throws Exception {
        try (FakeProvider p = new FakeProvider(Reply.json(503, "{}").with("Retry-After", "50"));
                ProviderHttp http = new ProviderHttp(Duration.ofSeconds(5), 3)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    http.post(target(Secret.of(KEY)), URI.create(p.url() + "/v1/x"), Map.of(),
                            () -> new StringEntity("{}", ContentType.APPLICATION_JSON));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            while (p.requests().isEmpty()) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            t.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(p.requests()).hasSize(1);
        }
    }
}
