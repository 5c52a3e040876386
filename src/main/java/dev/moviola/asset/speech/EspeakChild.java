package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.ffmpeg.ProcessObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one {@link EspeakProcess}: starts it (an argument list, never a shell), sends it requests and
 * reads its answers, each within a time limit; kills it when one is over its limit or when the waiting thread is
 * interrupted, and keeps the tail of its stderr for error messages. Not thread-safe: one conversation at a time.
 */
final class EspeakChild implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EspeakChild.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LINES = 40;
    private static final String PURPOSE = "espeak-ng speech";
    /** Put in the queue when stdout ends. */
    private static final String EOF = "\u0000eof";

    /** What {@code espeak-ng} lacks, for people: how to install it and the setting that points at it. */
    static final String INSTALL_HINT = "install espeak-ng (Debian/Ubuntu: apt-get install espeak-ng; it brings "
            + "libespeak-ng1) or point the espeak-ng setting at its program";

    private final Process process;
    private final ProcessObserver observer;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final JsonNode ready;
    private final Thread stderrReader;
    private boolean closed;

    /**
     * Starts the child and waits for it to say it is ready.
     *
     * @param libraries   library files to try first (tests; normally empty)
     * @param libraryDirs directories to look for the library in first
     * @param onlyGiven   look for the library only there (tests)
     * @param timeout     longest the start may take
     */
    EspeakChild(List<String> libraries, List<Path> libraryDirs, boolean onlyGiven, Duration timeout,
            ProcessObserver observer) throws SpeechException, InterruptedException {
        this.observer = observer;
        List<String> command = command(libraries, libraryDirs, onlyGiven);
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SpeechException("cannot start the speech process (" + command.get(0) + "): " + e.getMessage(),
                    false, e);
        }
        observer.started(PURPOSE, process.toHandle());
        LOG.debug("{}: {}", PURPOSE, command);
        stdin = process.getOutputStream();
        stderrReader = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                if (stderr.size() == STDERR_LINES) {
                    stderr.removeFirst();
                }
                stderr.addLast(line);
            }
        }, "espeak-stderr");
        drain(process.getInputStream(), line -> {
            if (line.startsWith("{")) {
                lines.add(line);
            } else {
                LOG.debug("espeak-ng process wrote: {}", line);
            }
        }, "espeak-stdout");
        JsonNode first = next(timeout, "start");
        if (!first.path("ready").asBoolean()) {
            String error = first.path("error").asText("it did not start");
            kill();
            throw new SpeechException("espeak-ng: " + error
                    + (first.path("missingLibrary").asBoolean() ? "; " + INSTALL_HINT : ""), false, null);
        }
        ready = first;
    }

    /** What the child said when ready: {@code version}, {@code sampleRate}, {@code library}. */
    JsonNode ready() {
        return ready;
    }

    /**
     * Sends one request and waits for its answer (an object with {@code ok} or {@code error}).
     *
     * @throws SpeechException when the answer does not come in time (the child is killed) or the child ended
     */
    JsonNode request(ObjectNode request, Duration timeout) throws SpeechException, InterruptedException {
        try {
            stdin.write(JSON.writeValueAsBytes(request));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            // it ended: the answer's absence says why
            LOG.debug("writing to the espeak-ng process failed", e);
        }
        return next(timeout, "speech");
    }

    private JsonNode next(Duration timeout, String what) throws SpeechException, InterruptedException {
        String line;
        try {
            line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        if (line == null) {
            kill();
            throw new SpeechException("espeak-ng " + what + " took longer than its time limit of "
                    + describe(timeout) + " (provider-timeout) and was stopped", true, null);
        }
        if (line == EOF) {
            int exit = waitExit();
            throw new SpeechException("the espeak-ng process ended unexpectedly (exit code " + exit + ")"
                    + tailForMessage(), true, null);
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new SpeechException("the espeak-ng process answered something unreadable: " + line, false, e);
        }
    }

    private String tailForMessage() {
        synchronized (stderr) {
            List<String> tail = new ArrayList<>(stderr);
            return tail.isEmpty() ? "" : ": " + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5),
                    tail.size()));
        }
    }

    private int waitExit() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
        int exit = process.exitValue();
        finished(exit);
        stderrReader.join(2_000);
        return exit;
    }

    /** Ends the conversation: the child exits at the end of its input (or is killed if it does not soon). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
                return;
            }
            finished(process.exitValue());
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        finished(process.isAlive() ? -1 : process.exitValue());
    }

    private void finished(int exit) {
        if (!closed) {
            closed = true;
            observer.finished(PURPOSE, process.toHandle(), exit);
        }
    }

    /** {@code java -cp <this JVM's class path> ... EspeakProcess <options>}, with the java of this JVM. */
    static List<String> command(List<String> libraries, List<Path> libraryDirs, boolean onlyGiven) {
        List<String> c = new ArrayList<>();
        c.add(javaProgram().toString());
        c.addAll(List.of("-cp", classPath(), "-Xmx256m", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Djava.awt.headless=true"));
        c.add(EspeakProcess.class.getName());
        for (String l : libraries) {
            c.addAll(List.of("--library", l));
        }
        for (Path d : libraryDirs) {
            c.addAll(List.of("--library-dir", d.toString()));
        }
        if (onlyGiven) {
            c.add("--only-given");
        }
        return c;
    }

    private static Path javaProgram() {
        Path bin = Paths.get(System.getProperty("java.home"), "bin");
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return bin.resolve(windows ? "java.exe" : "java");
    }

    /**
     * This JVM's class path; when it is empty (a custom launcher, an embedding), the places this class, JNA and
     * Jackson were loaded from, which are all the child needs.
     */
    private static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isBlank()) {
            return cp;
        }
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(EspeakProcess.class, com.sun.jna.Native.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            try {
                String p = Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (Exception e) {
                LOG.debug("no code source for {}", c, e);
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private Thread drain(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // closed when the process is killed
            } finally {
                if (name.endsWith("stdout")) {
                    lines.add(EOF);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String describe(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }
}
