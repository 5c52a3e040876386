package dev.moviola.asset.speech;

import dev.moviola.asset.Generator;
import dev.moviola.config.ProviderSettings;
import dev.moviola.ffmpeg.Ffmpeg;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The speech services of one process, made from its settings: voices (the engines, and an aligner for those that do
 * not time their words) and transcription. Engines and clients are made on first use and shared by every render.
 */
public final class SpeechServices {
    private final SpeechGenerator voices;
    private final Supplier<Transcriber> transcriber;

    SpeechServices(SpeechGenerator voices, Supplier<Transcriber> transcriber) {
        this.voices = voices;
        this.transcriber = transcriber;
    }

    /**
     * The services the provider settings describe. Cloud engines share one HTTP client (a connection pool), made with
     * the first of them; the local engine runs espeak-ng.
     */
    public static SpeechServices from(ProviderSettings p, Ffmpeg ffmpeg) {
        Supplier<ProviderHttp> http = once(() -> ProviderHttp.of(p));
        Map<String, Supplier<SpeechEngine>> engines = Map.of(
                "azure", () -> new AzureSpeech(p, http.get()),
                "elevenlabs", () -> new ElevenLabsSpeech(p, http.get()),
                "elevenlabs-flash-v2-5", () -> new ElevenLabsSpeech(p, http.get()),
                "openai", () -> new OpenAiSpeech(p, http.get()),
                "local", () -> EspeakSpeech.from(p));
        SpeechEngines all = new SpeechEngines(engines, SpeechEngines.defaultModel(p.voiceModel(), p.azureSpeechKey() != null));
        Supplier<WordAligner> aligner = once(() -> WordAligner.from(p, ffmpeg));
        return new SpeechServices(new SpeechGenerator(all, (text, audio, voice, dir) ->
                aligner.get().align(text, audio, voice, dir)), once(() -> new OpenAiTranscriber(p, http.get())));
    }

    /** A value made on first use and then kept (thread-safe). */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** What makes voices (generated sources of kind {@code speech}). */
    public Generator voices() {
        return voices;
    }

    /** The transcription service the settings name. */
    public Transcriber transcriber() {
        return transcriber.get();
    }
}
