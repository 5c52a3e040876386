package dev.moviola.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg and ffprobe as processes: an argument list (never a shell), a time limit, progress from
 * {@code -progress}, and the tail of stderr kept for error messages. Thread-safe; holds no per-run state.
 */
public final class Ffmpeg {
    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final int STDERR_LINES = 40;

    private final FfmpegInstallation installation;
    private final ProcessObserver observer;
    /** The xfade transitions this build has; asked once, on first use. */
    private volatile java.util.Set<String> xfade;

    public Ffmpeg(FfmpegInstallation installation, ProcessObserver observer) {
        this.installation = installation;
        this.observer = observer;
    }

    public FfmpegInstallation installation() {
        return installation;
    }

    /**
     * Runs ffmpeg with {@code args} (without the program name). A filter graph is passed as a file
     * ({@link #filterGraphArgs}) so no length limit or quoting issue can arise.
     *
     * @param purpose  what this run does, for logs and error messages ("scene 3", "audio mix")
     * @param progress told the output time in seconds as ffmpeg reports it; may be null
     */
    public void run(String purpose, List<String> args, Duration timeout, Consumer<Double> progress)
            throws FfmpegException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(installation.ffmpeg().toString());
        command.addAll(List.of("-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        if (progress != null) {
            command.addAll(List.of("-progress", "pipe:1", "-nostats"));
        }
        command.addAll(args);
        Consumer<String> stdout = progress == null ? line -> { } : line -> {
            if (line.startsWith("out_time_us=")) {
                try {
                    progress.accept(Long.parseLong(line.substring("out_time_us=".length()).trim()) / 1e6);
                } catch (NumberFormatException e) {
                    // "N/A" before the first frame
                }
            }
        };
        Result r = execute(purpose, command, timeout, stdout);
        if (r.exitCode != 0) {
            LOG.debug("{} failed; ffmpeg said:\n  {}", purpose, String.join("\n  ", r.stderr));
            String why = explain(r.stderr);
            throw new FfmpegException(purpose + " failed (ffmpeg exit code " + r.exitCode + ")"
                    + (why.isEmpty() ? "" : ": " + why));
        }
    }

    /**
     * The line of ffmpeg's error output that says what went wrong. ffmpeg ends a failure with generic lines
     * ("Conversion failed!", "Error marking filters as finished"); the specific reason comes before them.
     */
    static String explain(List<String> stderr) {
        for (int i = stderr.size() - 1; i >= 0; i--) {
            String line = stderr.get(i).trim();
            if (!line.isEmpty() && !GENERIC.matcher(line).find()) {
                return line;
            }
        }
        return stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1).trim();
    }

    private static final java.util.regex.Pattern GENERIC = java.util.regex.Pattern.compile(
            "^(Conversion failed!|Error marking filters as finished|Error while filtering|Failed to inject frame"
                    + "|Error reinitializing filters|Error while processing the decoded data|Exiting normally"
                    + "|Terminating thread with return code|Nothing was written into output file"
                    + "|Error sending frames to consumers|Task finished with error code)");

    /**
     * Runs a program of this installation and returns what it printed on stdout.
     * Used for probing, where a non-zero exit is an answer, not a failure.
     */
    public Result capture(String purpose, List<String> command, Duration timeout)
            throws FfmpegException, InterruptedException {
        StringBuilder out = new StringBuilder();
        Result r = execute(purpose, command, timeout, line -> out.append(line).append('\n'));
        return new Result(r.exitCode, out.toString(), r.stderr);
    }

    /** Names of the transitions this ffmpeg's {@code xfade} filter knows (builds differ: 4.4 has no zoomin). */
    public java.util.Set<String> xfadeTransitions() throws FfmpegException, InterruptedException {
        java.util.Set<String> known = xfade;
        if (known == null) {
            Result r = capture("list xfade transitions", List.of(installation.ffmpeg().toString(), "-hide_banner",
                    "-h", "filter=xfade"), Duration.ofSeconds(30));
            java.util.Set<String> names = new java.util.HashSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+([a-z]+)\\s+-?\\d+\\s").matcher(r.stdout());
            while (m.find()) {
                names.add(m.group(1));
            }
            if (!names.contains("fade")) {
                throw new FfmpegException("this ffmpeg has no xfade filter (ffmpeg 4.3 or later is needed for transitions)");
            }
            xfade = known = java.util.Set.copyOf(names);
        }
        return known;
    }

    /**
     * Arguments that give ffmpeg a filter graph from a file; the option's name changed in ffmpeg 7.
     */
    private List<String> filterGraphArgs(Path script) {
        return installation.majorVersion() >= 7
                ? List.of("-/filter_complex", script.toString())
                : List.of("-filter_complex_script", script.toString());
    }

    /** Writes {@code graph} next to the other work files and returns the arguments that load it. */
    public List<String> filterGraphArgs(FilterGraph graph, Path file) throws IOException {
        Files.writeString(file, graph.toString(), StandardCharsets.UTF_8);
        return filterGraphArgs(file);
    }

    /** What a finished process said: exit code, stdout (only from {@link #capture}), stderr tail. */
    public record Result(int exitCode, String stdout, List<String> stderr) {
    }

    private Result execute(String purpose, List<String> command, Duration timeout, Consumer<String> stdout)
            throws FfmpegException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new FfmpegException(purpose + ": cannot start " + command.get(0) + ": " + e.getMessage());
        }
        observer.started(purpose, p.toHandle());
        LOG.debug("{}: {}", purpose, command);
        Deque<String> stderr = new ArrayDeque<>();
        Thread errReader = drain(p.getErrorStream(), line -> {
            synchronized (stderr) {
                if (stderr.size() == STDERR_LINES) {
                    stderr.removeFirst();
                }
                stderr.addLast(line);
            }
        }, "ffmpeg-stderr");
        Thread outReader = drain(p.getInputStream(), stdout, "ffmpeg-stdout");
        int exit = -1;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new FfmpegTimeoutException(purpose + " took longer than its limit of " + describe(timeout)
                        + " and was stopped");
            }
            outReader.join(10_000);
            errReader.join(10_000);
            exit = p.exitValue();
            return new Result(exit, "", tail(stderr));
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } finally {
            observer.finished(purpose, p.toHandle(), exit);
        }
    }

    private static List<String> tail(Deque<String> stderr) {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream in, Consumer<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the stream closes when the process is killed; nothing left to read
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
