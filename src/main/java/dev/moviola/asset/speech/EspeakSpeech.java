package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.ProviderSettings;
import dev.moviola.ffmpeg.ProcessObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local voice: espeak-ng, with the engine's own word times.
 *
 * <p>libespeak-ng runs in a child JVM ({@link EspeakProcess}, through {@link EspeakChild}) and never in this one:
 * a crash in its native code ends the child and fails the request, and a synthesis over the time limit
 * ({@code provider-timeout}) is killed. The library's synthesis callback gives the samples and, for each word, the
 * character position of the word in the text and the sample where it is said ({@link WordTimes} maps them onto the
 * words of the text); the program {@code espeak-ng} itself cannot print those. One child can speak many requests
 * ({@link #open()}), so a document with many voice lines starts the JVM once.
 *
 * <p>The voice comes from the request's voice id through {@link EspeakVoices}; {@code model-settings} may set
 * {@code rate} (words per minute, 80–450, default 175) and {@code pitch} (0–99, default 50). Equal requests make
 * equal files, byte for byte, whether a child speaks them first or after others (see {@link EspeakProcess}).
 *
 * <p>The library is found by its versioned name ({@code libespeak-ng.so.1}: the unversioned one comes only with the
 * -dev package), first in the directories around the program the {@code espeak-ng} setting names
 * ({@code <prefix>/bin/espeak-ng} → {@code <prefix>/lib}, {@code <prefix>/lib64}, {@code <prefix>/lib/<multiarch>}),
 * then where the system looks. Its data is where the library was built to look, or {@code ESPEAK_DATA_PATH}.
 * Thread-safe: each call has its own child.
 */
public final class EspeakSpeech implements SpeechEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EspeakSpeech.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("text-to-speech:\\s*(\\S+)");

    public static final int MIN_RATE = 80;
    public static final int MAX_RATE = 450;
    public static final int DEFAULT_RATE = 175;
    public static final int DEFAULT_PITCH = 50;
    /** Requests one child speaks before the next takes over (each leaves a little memory behind). */
    static final int REQUESTS_PER_CHILD = 100;

    private final Optional<Path> configured;
    private final Duration timeout;
    private final ProcessObserver observer;
    private final List<String> libraries;
    private final boolean onlyGiven;
    private volatile String identity;

    /** The engine as the settings describe it: {@code espeak-ng} and {@code provider-timeout}. */
    public static EspeakSpeech from(ProviderSettings settings) {
        return new EspeakSpeech(settings.espeakNg(), settings.timeout(), ProcessObserver.NONE);
    }

    /**
     * @param program  the espeak-ng program (the {@code espeak-ng} setting); empty: {@code espeak-ng} on the PATH
     *                 if there is one. It tells the version and where the library may be; speech needs only the
     *                 library
     * @param timeout  longest one request may take (and the child's start)
     * @param observer told when a child process starts and ends
     */
    public EspeakSpeech(Optional<Path> program, Duration timeout, ProcessObserver observer) {
        this(program, timeout, observer, List.of(), false);
    }

    /**
     * @param libraries library files for the child to try first (tests)
     * @param onlyGiven look for the library only in those and around the program, not where the system looks
     */
    EspeakSpeech(Optional<Path> program, Duration timeout, ProcessObserver observer, List<String> libraries,
            boolean onlyGiven) {
        this.configured = program;
        this.timeout = timeout;
        this.observer = observer;
        this.libraries = List.copyOf(libraries);
        this.onlyGiven = onlyGiven;
    }

    /**
     * {@code espeak-ng <version>, voices <mapping version>}: the version as the program tells it, else as the
     * library does (which costs starting the child once); {@code espeak-ng unavailable} when neither is there
     * (speech then fails saying how to install it).
     */
    @Override
    public String identity() {
        String id = identity;
        if (id == null) {
            String version;
            try {
                version = programVersion().orElse(null);
                if (version == null) {
                    try (EspeakChild child = start()) {
                        version = child.ready().path("version").asText("unknown");
                    }
                }
            } catch (SpeechException e) {
                LOG.debug("no espeak-ng version", e);
                version = "unavailable";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "espeak-ng unknown, voices " + EspeakVoices.VERSION; // not remembered
            }
            identity = id = "espeak-ng " + version + ", voices " + EspeakVoices.VERSION;
        }
        return id;
    }

    @Override
    public Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException {
        check(request.text());
        settings(request); // a wrong setting fails before a process starts
        try (Session s = open()) {
            return s.synthesize(request, dir);
        }
    }

    /** Speaks every request with one child process, in order. */
    public List<Speech> synthesizeAll(List<SpeechRequest> requests, Path dir)
            throws SpeechException, InterruptedException {
        List<Speech> out = new ArrayList<>(requests.size());
        if (requests.isEmpty()) {
            return out;
        }
        try (Session s = open()) {
            for (SpeechRequest r : requests) {
                out.add(s.synthesize(r, dir));
            }
        }
        return out;
    }

    /**
     * Starts a child for several requests; close it when done. A request over the time limit kills the child (the
     * next request starts another).
     *
     * @throws SpeechException when espeak-ng or its library is not there (the message says how to install it)
     */
    public Session open() throws SpeechException, InterruptedException {
        return new Session(start());
    }

    private EspeakChild start() throws SpeechException, InterruptedException {
        List<Path> dirs = onlyGiven ? List.of() : program().map(EspeakSpeech::libraryDirs).orElse(List.of());
        return new EspeakChild(libraries, dirs, onlyGiven, timeout, observer);
    }

    /**
     * Child processes speaking requests in turn: one while it can (it says when it cannot speak another the way a new
     * one would, and after {@value #REQUESTS_PER_CHILD} requests), then another. Not thread-safe.
     */
    public final class Session implements AutoCloseable {
        private EspeakChild child;
        private int spoken;
        private final int sampleRate;

        private Session(EspeakChild child) {
            this.child = child;
            this.sampleRate = child.ready().path("sampleRate").asInt();
        }

        /** The engine's sample rate (Hz). */
        public int sampleRate() {
            return sampleRate;
        }

        public Speech synthesize(SpeechRequest request, Path dir) throws SpeechException, InterruptedException {
            return synthesize(request.text(), EspeakVoices.resolve(request.voice()), settings(request), dir,
                    request.voice());
        }

        /**
         * Speaks {@code text} with an espeak-ng voice as it is ({@code en-us+f3}).
         *
         * @param rate  words per minute
         * @param pitch 0–99
         */
        public Speech synthesize(String text, String espeakVoice, int rate, int pitch, Path dir)
                throws SpeechException, InterruptedException {
            return synthesize(text, espeakVoice, new int[] {rate, pitch}, dir, espeakVoice);
        }

        /** @param givenAs the voice as the document gave it, for messages */
        private Speech synthesize(String text, String voice, int[] ratePitch, Path dir, String givenAs)
                throws SpeechException, InterruptedException {
            check(text);
            String name = "espeak-" + hash(voice + "\n" + ratePitch[0] + "\n" + ratePitch[1] + "\n" + text) + ".wav";
            Path target = dir.resolve(name);
            Path part;
            try {
                Files.createDirectories(dir);
                part = Files.createTempFile(dir, ".espeak-", ".wav.part");
            } catch (IOException e) {
                throw new SpeechException("cannot write speech into " + dir + ": " + e.getMessage(), false, e);
            }
            try {
                ObjectNode r = JSON.createObjectNode().put("text", text).put("voice", voice)
                        .put("rate", ratePitch[0]).put("pitch", ratePitch[1])
                        .put("out", part.toAbsolutePath().toString());
                JsonNode answer;
                try {
                    if (child == null) {
                        child = start();
                        spoken = 0;
                    }
                    answer = child.request(r, timeout);
                } catch (SpeechException e) {
                    if (child != null) {
                        child.close(); // killed or ended already: the next request starts another
                        child = null;
                    }
                    throw e;
                }
                if (answer.path("last").asBoolean() || ++spoken >= REQUESTS_PER_CHILD) {
                    child.close();
                    child = null;
                }
                if (!answer.path("ok").asBoolean()) {
                    String error = answer.path("error").asText("failed");
                    throw new SpeechException(!answer.path("unknownVoice").asBoolean() ? "espeak-ng: " + error
                            : error + (voice.equals(givenAs) ? "" : " (for the voice \"" + givenAs + "\")")
                                    + "; espeak-ng --voices lists the voices it has, and +f1..+f5, +m1..+m7 are "
                                    + "variants");
                }
                List<WordTimes.Event> events = new ArrayList<>();
                for (JsonNode w : answer.path("words")) {
                    events.add(new WordTimes.Event(w.path("pos").asInt(), w.path("sample").asLong()));
                }
                Wav.Pcm pcm = Wav.read(part);
                List<TimedWord> words = WordTimes.words(text, events, pcm.samples(), pcm.sampleRate());
                move(part, target);
                return new Speech(target, words);
            } catch (IOException e) {
                throw new SpeechException("cannot read the speech espeak-ng wrote: " + e.getMessage(), false, e);
            } finally {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", part, e);
                }
            }
        }

        @Override
        public void close() {
            if (child != null) {
                child.close();
                child = null;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void check(String text) throws SpeechException {
        if (text == null || text.isBlank()) {
            throw new SpeechException("a voice element has no text to say");
        }
    }

    /** Rate and pitch from {@code model-settings}. */
    static int[] settings(SpeechRequest request) throws SpeechException {
        JsonNode s = request.settings();
        int rate = number(s, "rate", DEFAULT_RATE, MIN_RATE, MAX_RATE, "words per minute");
        int pitch = number(s, "pitch", DEFAULT_PITCH, 0, 99, "espeak-ng's pitch scale, 50 is the voice's own");
        return new int[] {rate, pitch};
    }

    private static int number(JsonNode settings, String key, int dflt, int min, int max, String unit)
            throws SpeechException {
        JsonNode v = settings == null ? null : settings.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw new SpeechException("model-settings." + key + " for the local voice (espeak-ng) must be a number from "
                    + min + " to " + max + " (" + unit + "), got " + v);
        }
        return (int) Math.round(v.asDouble());
    }

    /**
     * The configured program (which must be there), else {@code espeak-ng} on the PATH, else none.
     *
     * @throws SpeechException when the setting names a program that is not there
     */
    Optional<Path> program() throws SpeechException {
        if (configured.isPresent()) {
            Path p = configured.get();
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new SpeechException("espeak-ng is not at " + p + " (the espeak-ng setting): "
                        + EspeakChild.INSTALL_HINT + " (or leave the setting out to use espeak-ng on the PATH)");
            }
            return Optional.of(p);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                for (String n : List.of("espeak-ng", "espeak-ng.exe")) {
                    try {
                        Path p = Paths.get(dir, n);
                        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                            return Optional.of(p);
                        }
                    } catch (java.nio.file.InvalidPathException e) {
                        // not a directory name
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Directories around the program where its library may be. */
    static List<Path> libraryDirs(Path program) {
        List<Path> dirs = new ArrayList<>();
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            real = program.toAbsolutePath();
        }
        for (Path p : List.of(program.toAbsolutePath(), real)) {
            Path bin = p.getParent();
            if (bin == null) {
                continue;
            }
            add(dirs, bin);
            Path prefix = bin.getParent();
            if (prefix == null) {
                continue;
            }
            for (String lib : List.of("lib", "lib64")) {
                Path d = prefix.resolve(lib);
                add(dirs, d);
                try (var list = Files.list(d)) {
                    list.filter(x -> x.getFileName().toString().endsWith("-linux-gnu") && Files.isDirectory(x))
                            .sorted().forEach(x -> add(dirs, x));
                } catch (IOException e) {
                    // none there
                }
            }
        }
        return dirs;
    }

    private static void add(List<Path> dirs, Path d) {
        if (!dirs.contains(d) && Files.isDirectory(d)) {
            dirs.add(d);
        }
    }

    /** {@code espeak-ng --version}'s version, if there is a program that answers. */
    private Optional<String> programVersion() throws SpeechException, InterruptedException {
        Optional<Path> program = program();
        if (program.isEmpty()) {
            return Optional.empty();
        }
        Process p;
        try {
            p = new ProcessBuilder(program.get().toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            LOG.debug("cannot run {}", program.get(), e);
            return Optional.empty();
        }
        try {
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (out) {
                            out.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // killed
                }
            }, "espeak-version");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(Math.max(1, Math.min(timeout.toMillis(), 30_000)), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            reader.join(2_000);
            synchronized (out) {
                Matcher m = VERSION.matcher(out);
                return p.exitValue() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
