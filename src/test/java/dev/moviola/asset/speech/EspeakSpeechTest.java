package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.moviola.ffmpeg.ProcessObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local voice with espeak-ng's own word times. Needs espeak-ng (CI installs it): fails without it. */
class EspeakSpeechTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static EspeakSpeech engine() {
        return new EspeakSpeech(Optional.empty(), Duration.ofSeconds(60), ProcessObserver.NONE);
    }

    private static SpeechRequest request(String text, String voice) {
        return new SpeechRequest(text, voice, null, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void wordsAreInOrderCoverTheAudioAndEachHasSpeech() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog, and then it runs away. Nobody saw it again.";
        Speech s = engine().synthesize(request(text, "en-US-GuyNeural"), dir);
        Wav.Pcm pcm = Wav.read(s.audio());
        assertThat(pcm.sampleRate()).isEqualTo(22050);
        List<TimedWord> words = s.words();
        assertThat(words).extracting(TimedWord::text).containsExactly(text.split(" "));
        assertThat(words.get(0).start()).isLessThan(0.1);
        assertThat(words.get(words.size() - 1).end()).isGreaterThan(pcm.seconds() - 0.15)
                .isLessThanOrEqualTo(pcm.seconds() + 1e-9);
        double previousEnd = 0;
        for (TimedWord w : words) {
            assertThat(w.start()).as(w.text()).isGreaterThanOrEqualTo(previousEnd - 1e-9);
            assertThat(w.end()).as(w.text()).isGreaterThan(w.start());
            assertThat(w.end() - w.start()).as(w.text()).isBetween(0.05, 1.2);
            assertThat(rms(pcm, w.start(), w.end())).as("speech energy in " + w).isGreaterThan(300);
            previousEnd = w.end();
        }
        // the pause after "dog," and after "away." is not part of a word
        TimedWord dog = find(words, "dog,");
        TimedWord and = find(words, "and");
        assertThat(and.start() - dog.end()).isGreaterThan(0.05);
        assertThat(rms(pcm, dog.end() + 0.01, and.start() - 0.01)).isLessThan(50);
        // a word cut out alone is louder than the pause before it
        TimedWord nobody = find(words, "Nobody");
        assertThat(rms(pcm, nobody.start() - 0.08, nobody.start())).isLessThan(rms(pcm, nobody.start(), nobody.end()) / 5);
    }

    @Test
    void nonAsciiTextAndPunctuationMapToTheirWords() throws Exception {
        String text = "Café naïve über — “quoted” words: 3.5% in 1998! Ünïcödé? 🎬 done.";
        Speech s = engine().synthesize(request(text, "en-us"), dir);
        Wav.Pcm pcm = Wav.read(s.audio());
        List<TimedWord> words = s.words();
        assertThat(words).extracting(TimedWord::text).containsExactly(text.split(" "));
        for (TimedWord w : words) {
            System.out.printf("%-12s %6.3f %6.3f%n", w.text(), w.start(), w.end());
        }
        for (String spoken : List.of("Café", "naïve", "über", "“quoted”", "words:", "3.5%", "in", "1998!",
                "Ünïcödé?", "done.")) {
            TimedWord w = find(words, spoken);
            assertThat(w.end() - w.start()).as(spoken).isGreaterThan(0.08);
            assertThat(rms(pcm, w.start(), w.end())).as(spoken).isGreaterThan(300);
        }
        // numbers are several spoken words in one token: the token spans them all
        assertThat(find(words, "1998!").end() - find(words, "1998!").start()).isGreaterThan(0.6);
        // the lone dash is not spoken: no time of its own, between its neighbours
        TimedWord dash = find(words, "—");
        assertThat(dash.end()).isEqualTo(dash.start());
        assertThat(dash.start()).isBetween(find(words, "über").start(), find(words, "“quoted”").start());
        double previous = 0;
        for (TimedWord w : words) {
            assertThat(w.start()).as(w.text()).isGreaterThanOrEqualTo(previous - 1e-9);
            previous = w.end();
        }
    }

    @Test
    void positionsAfterCharactersOutsideTheBasicPlaneStillFindTheirWords() throws Exception {
        // were positions counted in UTF-16 units, the events would land two words late and "ab" would get no time
        String text = "🎬🎬🎬 done ab cd ef";
        Speech s = engine().synthesize(request(text, "en-us"), dir);
        Wav.Pcm pcm = Wav.read(s.audio());
        for (String w : List.of("done", "ab", "cd", "ef")) {
            TimedWord t = find(s.words(), w);
            assertThat(t.end() - t.start()).as(w).isGreaterThan(0.1);
            assertThat(rms(pcm, t.start(), t.end())).as(w).isGreaterThan(300);
        }
    }

    @Test
    void everyVoiceTheTablesNameIsThere() throws Exception {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        EspeakSpeech e = new EspeakSpeech(Optional.empty(), Duration.ofSeconds(60), observer(started));
        List<String> missing = new ArrayList<>();
        int requests = 0;
        try (EspeakSpeech.Session session = e.open()) {
            for (String v : EspeakVoices.voices()) {
                for (String variant : List.of("", EspeakVoices.FEMALE_VARIANT)) {
                    try {
                        requests++;
                        session.synthesize("1 2 3", v + variant, 175, 50, dir);
                    } catch (SpeechException x) {
                        missing.add(v + variant + ": " + x.getMessage());
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        // one process spoke them all, a hundred at a time
        assertThat(requests).isGreaterThan(200);
        assertThat(started).hasSize((requests + EspeakSpeech.REQUESTS_PER_CHILD - 1) / EspeakSpeech.REQUESTS_PER_CHILD);
        assertThat(started).allSatisfy(p -> assertThat(p.isAlive()).isFalse());
    }

    @Test
    void otherLanguagesSpeak() throws Exception {
        EspeakSpeech e = engine();
        List<Speech> all = e.synthesizeAll(List.of(
                request("Bonjour à tous, ça va très bien.", "fr-FR-DeniseNeural"),
                request("Grüße aus Köln, schönes Wetter heute.", "de-DE-ConradNeural"),
                request("¿Dónde está la biblioteca, señor?", "es-MX-DaliaNeural"),
                request("日本語のテキスト。こんにちは", "ja-JP-NanamiNeural")), dir);
        for (Speech s : all) {
            assertThat(s.words()).isNotEmpty();
            assertThat(Wav.read(s.audio()).seconds()).isGreaterThan(1);
        }
        assertThat(all.get(0).words()).extracting(TimedWord::text)
                .containsExactly("Bonjour", "à", "tous,", "ça", "va", "très", "bien.");
        for (TimedWord w : all.get(1).words()) {
            assertThat(w.end()).as(w.text()).isGreaterThan(w.start() + 0.1);
        }
    }

    @Test
    void sameRequestSameBytesAlsoInABatch() throws Exception {
        String text = "Determinism matters: equal input, equal output.";
        SpeechRequest r = new SpeechRequest(text, "en-us+f3", null,
                JSON.readTree("{\"rate\":160,\"pitch\":60}"));
        Speech first = engine().synthesize(r, dir.resolve("a"));
        Speech again = engine().synthesize(r, dir.resolve("b"));
        assertThat(sha256(again.audio())).isEqualTo(sha256(first.audio()));
        // in one process, after another voice and other parameters, and twice: nothing carries over
        // (libespeak-ng keeps state from one synthesis to the next; each request has a pristine instance)
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        EspeakSpeech e = new EspeakSpeech(Optional.empty(), Duration.ofSeconds(60), observer(started));
        List<Speech> batch = e.synthesizeAll(List.of(r,
                new SpeechRequest("Something else first.", "de-DE-KatjaNeural", null,
                        JSON.readTree("{\"rate\":300,\"pitch\":10}")), r, r), dir.resolve("c"));
        assertThat(started).hasSize(1);
        for (Speech s : List.of(batch.get(0), batch.get(2), batch.get(3))) {
            assertThat(s.audio().getFileName()).isEqualTo(first.audio().getFileName());
            assertThat(sha256(s.audio())).isEqualTo(sha256(first.audio()));
            assertThat(s.words()).isEqualTo(first.words());
        }
    }

    @Test
    void aChildThatDiesFailsItsRequestAndTheNextStartsAnother() throws Exception {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        EspeakSpeech e = new EspeakSpeech(Optional.empty(), Duration.ofSeconds(60), observer(started));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append("This sentence is said again and again until the process is gone. ");
        }
        try (EspeakSpeech.Session session = e.open()) {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException x) {
                    return;
                }
                started.get(0).destroyForcibly(); // as a crash in native code would end it
            });
            killer.start();
            assertThatThrownBy(() -> session.synthesize(request(text.toString(), "en-us"), dir))
                    .isInstanceOf(SpeechException.class)
                    .hasMessageContaining("ended unexpectedly")
                    .satisfies(x -> assertThat(((SpeechException) x).passing()).isTrue());
            killer.join();
            Speech after = session.synthesize(request("Still here.", "en-us"), dir);
            assertThat(after.words()).extracting(TimedWord::text).containsExactly("Still", "here.");
        }
        assertThat(started).hasSize(2);
    }

    @Test
    void rateAndPitchChangeTheSpeech() throws Exception {
        String text = "One two three four five six seven eight nine ten.";
        List<Speech> s = engine().synthesizeAll(List.of(
                new SpeechRequest(text, "en-us", null, JSON.readTree("{\"rate\":120}")),
                new SpeechRequest(text, "en-us", null, JSON.readTree("{\"rate\":240}")),
                new SpeechRequest(text, "en-us", null, JSON.readTree("{\"rate\":240, \"pitch\":90}"))), dir);
        double slow = Wav.read(s.get(0).audio()).seconds();
        double fast = Wav.read(s.get(1).audio()).seconds();
        assertThat(slow / fast).isBetween(1.6, 2.4);
        assertThat(sha256(s.get(2).audio())).isNotEqualTo(sha256(s.get(1).audio()));
        assertThatThrownBy(() -> engine().synthesize(new SpeechRequest(text, "en-us", null,
                JSON.readTree("{\"rate\":\"fast\"}")), dir))
                .isInstanceOf(SpeechException.class).hasMessageContaining("model-settings.rate")
                .hasMessageContaining("80 to 450");
    }

    @Test
    void unknownVoiceSaysSo() {
        assertThatThrownBy(() -> engine().synthesize(request("Hello.", "no-such-voice"), dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("no voice \"no-such-voice\"")
                .satisfies(e -> assertThat(((SpeechException) e).passing()).isFalse());
    }

    @Test
    void identityHasTheVersionAndTheMapping() {
        assertThat(engine().identity()).matches("espeak-ng 1\\.\\d+.*, voices " + EspeakVoices.VERSION);
        // without the program on hand the library tells the version
        Path none = dir.resolve("missing/espeak-ng");
        assertThat(new EspeakSpeech(Optional.of(none), Duration.ofSeconds(30), ProcessObserver.NONE).identity())
                .isEqualTo("espeak-ng unavailable, voices " + EspeakVoices.VERSION);
    }

    @Test
    void missingProgramNamesThePackageAndTheSetting() {
        Path none = dir.resolve("nowhere/bin/espeak-ng");
        EspeakSpeech e = new EspeakSpeech(Optional.of(none), Duration.ofSeconds(30), ProcessObserver.NONE);
        assertThatThrownBy(() -> e.synthesize(request("Hello.", null), dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining(none.toString())
                .hasMessageContaining("espeak-ng setting")
                .hasMessageContaining("apt-get install espeak-ng");
    }

    @Test
    void missingLibraryNamesThePackageAndTheSetting() {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        // a library file that is not there, and not the system's: as on a machine without espeak-ng
        EspeakSpeech none = new EspeakSpeech(Optional.empty(), Duration.ofSeconds(30), observer(started),
                List.of(dir.resolve("lib/libespeak-ng.so.1").toString()), true);
        assertThatThrownBy(() -> none.synthesize(request("Hello.", null), dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("cannot load libespeak-ng")
                .hasMessageContaining("apt-get install espeak-ng")
                .hasMessageContaining("espeak-ng setting");
        assertThat(started).hasSize(1).allSatisfy(p -> assertThat(p.isAlive()).isFalse());
    }

    @Test
    void aRequestOverItsTimeLimitKillsTheChild() throws Exception {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        List<Integer> exits = new CopyOnWriteArrayList<>();
        ProcessObserver o = new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle process) {
                started.add(process);
            }

            @Override
            public void finished(String purpose, ProcessHandle process, int exitCode) {
                exits.add(exitCode);
            }
        };
        // a long text: the child is busy in native code when the time is up
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append("This sentence is said again and again until the time runs out. ");
        }
        EspeakSpeech e = new EspeakSpeech(Optional.empty(), Duration.ofSeconds(3), o);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> e.synthesize(request(text.toString(), "en-us"), dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("time limit of 3.0 s")
                .satisfies(x -> assertThat(((SpeechException) x).passing()).isTrue());
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
        assertThat(started).hasSize(1);
        assertThat(started.get(0).isAlive()).isFalse();
        assertThat(exits).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    private static ProcessObserver observer(List<ProcessHandle> started) {
        return new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle process) {
                started.add(process);
            }
        };
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static TimedWord find(List<TimedWord> words, String text) {
        return words.stream().filter(w -> w.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no word " + text + " in " + words));
    }

    static double rms(Wav.Pcm pcm, double from, double to) {
        int b = (int) Math.max(0, Math.round(from * pcm.sampleRate()));
        int e = (int) Math.min(pcm.samples().length, Math.round(to * pcm.sampleRate()));
        double sum = 0;
        for (int i = b; i < e; i++) {
            sum += (double) pcm.samples()[i] * pcm.samples()[i];
        }
        return e > b ? Math.sqrt(sum / (e - b)) : 0;
    }

    static List<String> texts(List<TimedWord> words) {
        List<String> out = new ArrayList<>();
        words.forEach(w -> out.add(w.text()));
        return out;
    }
}
