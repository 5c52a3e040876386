package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The child process that runs libespeak-ng: started by {@link EspeakChild} as
 * {@code java -cp <class path> dev.moviola.asset.speech.EspeakProcess [options]}, so that a crash in native code
 * ends this process and never the server, and a synthesis that hangs can be killed.
 *
 * <p>Options: {@code --library FILE} (a library file to try first; repeatable), {@code --library-dir DIR}
 * (a directory to look for {@code libespeak-ng.so.1} and its kin in; repeatable), {@code --data DIR} (espeak-ng's
 * data directory instead of the library's own), {@code --only-given} (look for the library only in the files and
 * directories given, not where the system looks: for tests).
 *
 * <p>The protocol is JSON, one object a line, in UTF-8. This process first prints
 * <pre>{"ready":true,"version":"1.51","sampleRate":22050,"library":"/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1.1.51"}</pre>
 * or, when it cannot, {@code {"error":"...","missingLibrary":true}} (or without {@code missingLibrary} when the
 * library is there but not its data) and exits with status 3. Then it reads requests from stdin, one a line:
 * <pre>{"text":"Hello world.","voice":"en-us+f3","rate":150,"pitch":70,"out":"/abs/path.wav"}</pre>
 * ({@code rate} in words per minute and {@code pitch} 0–99 may be left out: 175 and 50), writes the speech to
 * {@code out} as a 16-bit mono WAV file at the engine's sample rate, and answers, one line a request, in order:
 * <pre>{"ok":true,"samples":40960,"words":[{"pos":1,"len":5,"ms":0,"sample":0},...]}</pre>
 * where each word is one of espeak-ng's word events: {@code pos} the 1-based position of the word's first character
 * in the text (counting characters, not bytes), {@code len} its length in characters, {@code ms} when it starts
 * in milliseconds from the start of the audio and {@code sample} the same in samples. A request that fails
 * answers {@code {"error":"..."}} (with {@code "unknownVoice":true} when the voice is not there) and the process
 * goes on with the next. An answer with {@code "last":true} is the last this process gives: it cannot speak another
 * request the way a new process would, and exits; the next request goes to a new process. It ends at the end of
 * stdin.
 *
 * <p>Equal requests make equal bytes whatever came before. libespeak-ng keeps state from one synthesis to the next
 * (the phase of its wave generator, its echo buffer, the C library's {@code rand()} for breath noise), and cannot
 * be initialised twice. So each request after the first gets a pristine instance of the library: a copy of its
 * file, loaded with {@code RTLD_LOCAL} so that its globals are its own, initialised, and closed after the request;
 * and {@code srand(1)} is called before each synthesis, as a new process starts. Where the library's file cannot be
 * found (no {@code /proc/self/maps}), each process speaks one request ({@code last}).
 *
 * <p>Lines that do not start with <code>{</code> are not part of the protocol (native code writing to stdout): the
 * reader skips them. Java's {@code System.out} is pointed at stderr here so that nothing in Java can write into it.
 */
public final class EspeakProcess {
    /** Exit status when the library or its data cannot be loaded. */
    static final int EXIT_UNAVAILABLE = 3;
    /** Exit status for bad arguments. */
    static final int EXIT_USAGE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Chunk of audio espeak-ng hands the callback at a time, in milliseconds. */
    private static final int BUFFER_MILLIS = 200;
    /** dlopen flags: RTLD_NOW, and RTLD_LOCAL (0 on Linux, 4 on macOS) so that each instance keeps its globals. */
    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_OPEN_FLAGS, Platform.isMac() ? 6 : 2);

    /** File names libespeak-ng has on the systems it is packaged for, versioned first (no -dev package needed). */
    static final List<String> LIBRARY_FILES = List.of("libespeak-ng.so.1", "libespeak-ng.so", "libespeak-ng.1.dylib",
            "libespeak-ng.dylib", "libespeak-ng.dll", "espeak-ng.dll");

    private final String data;
    private final int sampleRate;
    /** The library's file, for pristine copies; null when not known. */
    private final Path libraryFile;
    /** Held for as long as the library may call it (the native side keeps no reference). */
    private final EspeakLibrary.SynthCallback callback;
    private final int eventSize;

    /**
     * The instance for the next request (the first one loaded, then pristine copies), ready before the answer to the
     * request before it is sent; null when none could be had: that answer was the last.
     */
    private EspeakLibrary fresh;
    private ShortBuffer samples;
    private List<int[]> words;

    private EspeakProcess(EspeakLibrary first, int sampleRate, String data, Path libraryFile) {
        this.fresh = first;
        this.sampleRate = sampleRate;
        this.data = data;
        this.libraryFile = libraryFile;
        int ptr = Native.POINTER_SIZE;
        // espeak_EVENT: type, unique_identifier, text_position, length, audio_position, sample (ints),
        // user_data (pointer), id (union of int, pointer and char[8])
        int idOffset = align(24 + ptr, ptr);
        this.eventSize = align(idOffset + Math.max(8, ptr), ptr);
        this.callback = this::onSynth;
        first.espeak_SetSynthCallback(callback);
    }

    private static int align(int offset, int to) {
        return (offset + to - 1) / to * to;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        List<String> libraries = new ArrayList<>();
        List<Path> libraryDirs = new ArrayList<>();
        String data = null;
        boolean onlyGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--only-given")) {
                onlyGiven = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(out, "option " + a + " needs a value");
            }
            switch (a) {
                case "--library" -> libraries.add(args[++i]);
                case "--library-dir" -> libraryDirs.add(Paths.get(args[++i]));
                case "--data" -> data = args[++i];
                default -> usage(out, "unknown option " + a);
            }
        }
        EspeakLibrary lib;
        String loaded;
        try {
            Loaded l = load(libraries, libraryDirs, onlyGiven);
            lib = l.library;
            loaded = l.name;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            ObjectNode error = JSON.createObjectNode().put("error", e.getMessage()).put("missingLibrary", true);
            out.println(JSON.writeValueAsString(error));
            System.exit(EXIT_UNAVAILABLE);
            return;
        }
        int rate = lib.espeak_Initialize(EspeakLibrary.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MILLIS, data,
                EspeakLibrary.INITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            out.println(JSON.writeValueAsString(JSON.createObjectNode().put("error",
                    "libespeak-ng (" + loaded + ") could not load its data"
                            + (data == null ? "" : " from " + data) + " (espeak_Initialize returned " + rate + "); "
                            + "is the espeak-ng-data package there, or ESPEAK_DATA_PATH right?")));
            System.exit(EXIT_UNAVAILABLE);
            return;
        }
        Path file = libraryFile(loaded);
        EspeakProcess p = new EspeakProcess(lib, rate, data, file);
        out.println(JSON.writeValueAsString(JSON.createObjectNode().put("ready", true)
                .put("version", lib.espeak_Info(Pointer.NULL)).put("sampleRate", rate)
                .put("library", file == null ? loaded : file.toString())));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode answer;
            try {
                answer = p.synthesize(JSON.readTree(line));
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                answer = JSON.createObjectNode().put("error", String.valueOf(e.getMessage()));
            }
            boolean last = p.fresh == null;
            if (last) {
                answer.put("last", true);
            }
            out.println(JSON.writeValueAsString(answer));
            if (last) {
                break;
            }
        }
        out.flush();
        System.exit(0);
    }

    private static void usage(PrintStream out, String message) {
        out.println("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        System.exit(EXIT_USAGE);
    }

    private record Loaded(EspeakLibrary library, String name) {
    }

    /**
     * Loads the library: the given files, then those names in the given directories, then by name where the system
     * looks (the soname {@code libespeak-ng.so.1} first: only the -dev package has the unversioned name).
     */
    private static Loaded load(List<String> files, List<Path> dirs, boolean onlyGiven) {
        List<String> candidates = new ArrayList<>(files);
        for (Path dir : dirs) {
            for (String name : LIBRARY_FILES) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    candidates.add(f.toAbsolutePath().toString());
                }
            }
        }
        if (!onlyGiven) {
            candidates.addAll(List.of("libespeak-ng.so.1", "espeak-ng", "libespeak-ng.1.dylib", "libespeak-ng"));
        }
        List<String> failures = new ArrayList<>();
        for (String c : candidates) {
            try {
                return new Loaded(Native.load(c, EspeakLibrary.class, OPTIONS), c);
            } catch (UnsatisfiedLinkError e) {
                failures.add(c + ": " + firstLine(e.getMessage()));
            }
        }
        throw new UnsatisfiedLinkError("cannot load libespeak-ng (tried " + String.join("; ", failures) + ")");
    }

    /** The file the library was loaded from: the name when it is a path, else as the system mapped it. */
    private static Path libraryFile(String loaded) {
        try {
            Path p = Paths.get(loaded);
            if (p.isAbsolute() && Files.isRegularFile(p)) {
                return p.toRealPath();
            }
            Path maps = Paths.get("/proc/self/maps");
            if (Files.isReadable(maps)) {
                for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
                    int slash = line.indexOf('/');
                    if (slash > 0) {
                        Path f = Paths.get(line.substring(slash).trim());
                        if (f.getFileName().toString().startsWith("libespeak-ng") && Files.isRegularFile(f)) {
                            return f.toRealPath();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot tell where libespeak-ng was loaded from: " + e);
        }
        return null;
    }

    /** JNA's message says what failed on its first line and why on the next. */
    private static String firstLine(String s) {
        if (s == null) {
            return "not found";
        }
        String[] lines = s.split("\\R");
        return lines.length > 1 && lines[0].endsWith(":") ? lines[0] + " " + lines[1].trim() : lines[0];
    }

    /**
     * A pristine instance of the library: a copy of its file (in the temporary directory, else next to
     * {@code out}, for a temporary directory mounted noexec), loaded on its own and initialised. The copy is
     * deleted as soon as it is loaded.
     *
     * @return null when there is none to be had (the reason is on stderr)
     */
    private EspeakLibrary copy(Path out) {
        if (libraryFile == null) {
            return null;
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(Paths.get(System.getProperty("java.io.tmpdir")));
        if (out.toAbsolutePath().getParent() != null) {
            dirs.add(out.toAbsolutePath().getParent());
        }
        for (Path dir : dirs) {
            Path copy = null;
            try {
                copy = Files.createTempFile(dir, ".moviola-libespeak-ng-", ".so");
                Files.copy(libraryFile, copy, StandardCopyOption.REPLACE_EXISTING);
                EspeakLibrary lib = Native.load(copy.toString(), EspeakLibrary.class, OPTIONS);
                int rate = lib.espeak_Initialize(EspeakLibrary.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MILLIS, data,
                        EspeakLibrary.INITIALIZE_DONT_EXIT);
                if (rate != sampleRate) {
                    System.err.println("a copy of libespeak-ng did not start (espeak_Initialize returned " + rate + ")");
                    return null;
                }
                lib.espeak_SetSynthCallback(callback);
                return lib;
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                System.err.println("cannot load a copy of libespeak-ng in " + dir + ": " + e);
            } finally {
                if (copy != null) {
                    try {
                        Files.deleteIfExists(copy);
                    } catch (IOException e) {
                        copy.toFile().deleteOnExit(); // where a loaded file cannot be deleted
                    }
                }
            }
        }
        return null;
    }

    /** Lets go of an instance that has spoken. */
    private static void release(EspeakLibrary lib) {
        lib.espeak_Terminate();
        try {
            NativeLibrary n = ((com.sun.jna.Library.Handler) java.lang.reflect.Proxy.getInvocationHandler(lib))
                    .getNativeLibrary();
            n.close();
        } catch (RuntimeException e) {
            System.err.println("cannot close an instance of libespeak-ng: " + e);
        }
    }

    private ObjectNode synthesize(JsonNode request) throws IOException {
        String text = request.path("text").asText("");
        String voice = request.path("voice").asText("en-us");
        String outFile = request.path("out").asText("");
        if (outFile.isEmpty()) {
            throw new IllegalArgumentException("the request names no \"out\" file");
        }
        EspeakLibrary lib = fresh;
        fresh = null;
        Path out = Paths.get(outFile);
        try {
            return synthesize(lib, text, voice, request.path("rate").asInt(175), request.path("pitch").asInt(50), out);
        } finally {
            release(lib);
            fresh = copy(out);
        }
    }

    private ObjectNode synthesize(EspeakLibrary lib, String text, String voice, int rate, int pitch, Path out)
            throws IOException {
        int status = setVoice(lib, voice);
        if (status != EspeakLibrary.EE_OK) {
            return JSON.createObjectNode().put("error", "espeak-ng has no voice \"" + voice + "\"")
                    .put("unknownVoice", true);
        }
        lib.espeak_SetParameter(EspeakLibrary.PARAM_RATE, rate, 0);
        lib.espeak_SetParameter(EspeakLibrary.PARAM_PITCH, pitch, 0);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory buf = new Memory(utf8.length + 1L);
        buf.write(0, utf8, 0, utf8.length);
        buf.setByte(utf8.length, (byte) 0);
        samples = new ShortBuffer();
        words = new ArrayList<>();
        srand();
        status = lib.espeak_Synth(buf, new EspeakLibrary.SizeT(utf8.length + 1L), 0, EspeakLibrary.POS_CHARACTER, 0,
                EspeakLibrary.CHARS_UTF8, null, Pointer.NULL);
        if (status != EspeakLibrary.EE_OK) {
            return JSON.createObjectNode().put("error", "espeak_Synth failed (status " + status + ")");
        }
        lib.espeak_Synchronize();
        try (OutputStream o = Files.newOutputStream(out)) {
            Wav.write(o, samples.array(), samples.size(), sampleRate);
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("samples", samples.size());
        ArrayNode list = answer.putArray("words");
        for (int[] w : words) {
            list.addObject().put("pos", w[0]).put("len", w[1]).put("ms", w[2]).put("sample", w[3]);
        }
        samples = null;
        words = null;
        return answer;
    }

    /**
     * Sets the voice by its name as the program {@code espeak-ng -v} takes it: a voice file's name with a variant
     * ({@code en-us+f3}), else a language a voice speaks ({@code en-gb} is the file {@code gmw/en}), keeping the
     * variant (which {@code espeak-ng -v en-gb+f3} loses).
     */
    private static int setVoice(EspeakLibrary lib, String voice) {
        int status = lib.espeak_SetVoiceByName(voice);
        if (status == EspeakLibrary.EE_OK) {
            return status;
        }
        int plus = voice.indexOf('+');
        String language = plus < 0 ? voice : voice.substring(0, plus);
        String variant = plus < 0 ? "" : voice.substring(plus);
        String best = null;
        int bestPriority = Integer.MAX_VALUE;
        Pointer list = lib.espeak_ListVoices(Pointer.NULL);
        int ptr = Native.POINTER_SIZE;
        for (int i = 0; list != null; i++) {
            Pointer v = list.getPointer((long) i * ptr);
            if (v == null) {
                break;
            }
            Pointer languages = v.getPointer(ptr);
            Pointer identifier = v.getPointer(2L * ptr);
            if (languages == null || identifier == null) {
                continue;
            }
            for (long off = 0; ; ) {
                int priority = languages.getByte(off) & 0xff;
                if (priority == 0) {
                    break;
                }
                String name = languages.getString(off + 1, "UTF-8");
                if (name.equalsIgnoreCase(language) && priority < bestPriority) {
                    bestPriority = priority;
                    best = identifier.getString(0, "UTF-8");
                }
                off += 1 + name.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        return best == null ? status : lib.espeak_SetVoiceByName(best + variant);
    }

    /** The C library's random numbers (breath noise) start where a new process's do. */
    private static void srand() {
        try {
            NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("srand").invokeVoid(new Object[] {1});
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("cannot seed rand(): " + e);
        }
    }

    private int onSynth(Pointer wav, int count, Pointer events) {
        if (wav != null && count > 0) {
            samples.append(wav.getShortArray(0, count));
        }
        if (events != null) {
            for (long off = 0; ; off += eventSize) {
                int type = events.getInt(off);
                if (type == EspeakLibrary.EVENT_LIST_TERMINATED) {
                    break;
                }
                if (type == EspeakLibrary.EVENT_WORD) {
                    words.add(new int[] {events.getInt(off + 8), events.getInt(off + 12), events.getInt(off + 16),
                            events.getInt(off + 20)});
                }
            }
        }
        return 0;
    }

    /** A growing array of samples. */
    private static final class ShortBuffer {
        private short[] data = new short[1 << 16];
        private int size;

        void append(short[] more) {
            if (size + more.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, data, size, more.length);
            size += more.length;
        }

        short[] array() {
            return data;
        }

        int size() {
            return size;
        }
    }
}
