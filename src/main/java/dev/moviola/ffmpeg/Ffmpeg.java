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
 * Runs ffmpeg and ffprobe as processes: an argument list (never a shell), a wall-clock and a CPU-time limit,
 * progress from {@code -progress}, and the tail of stderr kept for error messages. Thread-safe; holds no
 * per-run state.
 *
 * <p>The CPU-time limit counts every thread of the process, so it measures work whatever the number of cores
 * (the wall-clock limit does not: a process on 16 threads does 16 times the work in the same time). It is
 * watched here, twice a second, so that going over it is reported as such. ffmpeg is also given
 * {@code -timelimit} a little above it (RLIMIT_CPU: SIGXCPU, then SIGKILL a CPU second later): a backstop that
 * stops the process even if this JVM is gone. While the JVM watches, the watch comes first.
 */
public final class Ffmpeg {
    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final int STDERR_LINES = 40;
    private static final long POLL_MILLIS = 500;

    private final FfmpegInstallation installation;
    private final ProcessObserver observer;
    /** Zero: none. */
    private final Duration cpuLimit;
    /**
     * Whether this ffmpeg knows -timelimit. Every build since 2011 does; one that refuses it is run again
     * without it (asking each ffmpeg first would cost a process start per render).
     */
    private volatile boolean timelimit = true;
    /** The xfade transitions this build has; asked once, on first use. */
    private volatile java.util.Set<String> xfade;

    /** Runs without a CPU-time limit (the wall-clock limit of each run still applies). */
    public Ffmpeg(FfmpegInstallation installation, ProcessObserver observer) {
        this(installation, observer, Duration.ZERO);
    }

    /** @param cpuLimit most CPU time one process may use (zero or negative: no limit) */
    public Ffmpeg(FfmpegInstallation installation, ProcessObserver observer, Duration cpuLimit) {
        this.installation = installation;
        this.observer = observer;
        this.cpuLimit = cpuLimit.isNegative() ? Duration.ZERO : cpuLimit;
    }

    /** The same ffmpeg, whose processes {@code also} hears of too (a server's meters count them). */
    public Ffmpeg alsoObserved(ProcessObserver also) {
        return new Ffmpeg(installation, ProcessObserver.both(observer, also), cpuLimit);
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
        Consumer<String> stdout = progress == null ? line -> { } : line -> {
            if (line.startsWith("out_time_us=")) {
                try {
                    progress.accept(Long.parseLong(line.substring("out_time_us=".length()).trim()) / 1e6);
                } catch (NumberFormatException e) {
                    // "N/A" before the first frame
                }
            }
        };
        boolean kernelLimit = !cpuLimit.isZero() && timelimit;
        Result r = execute(purpose, command(args, progress != null, kernelLimit), timeout, stdout);
        if (r.exitCode != 0 && kernelLimit && r.stderr.stream().anyMatch(l -> l.contains("option 'timelimit'"))) {
            timelimit = false; // a build without it: the watch alone limits CPU time from now on
            LOG.info("{} has no -timelimit option: CPU time is limited by watching it only", installation.ffmpeg());
            r = execute(purpose, command(args, progress != null, false), timeout, stdout);
        }
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

    /**
     * The limit given to the kernel, above the one watched here so that the watch normally stops the process
     * first and says why: a tenth more and five seconds.
     */
    static long kernelLimitSeconds(Duration limit) {
        return (limit.toMillis() * 11 + 9_999) / 10_000 + 5;
    }

    private List<String> command(List<String> args, boolean progress, boolean kernelLimit) {
        List<String> command = new ArrayList<>();
        command.add(installation.ffmpeg().toString());
        command.addAll(List.of("-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        if (kernelLimit) {
            command.addAll(List.of("-timelimit", Long.toString(kernelLimitSeconds(cpuLimit))));
        }
        if (progress) {
            command.addAll(List.of("-progress", "pipe:1", "-nostats"));
            if (installation.majorVersion() >= 5) { // every 0.25 s rather than 0.5 s (the option came in 4.4)
                command.addAll(List.of("-stats_period", "0.25"));
            }
        }
        command.addAll(args);
        return command;
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
            watch(p, purpose, timeout);
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

    /** Waits for {@code p} to end; kills it when it goes over its wall-clock or CPU-time limit. */
    private void watch(Process p, String purpose, Duration timeout) throws FfmpegTimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                kill(p);
                throw new FfmpegTimeoutException(purpose + " took longer than its time limit of " + describe(timeout)
                        + " and was stopped");
            }
            if (p.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS), TimeUnit.MILLISECONDS)) {
                return;
            }
            if (!cpuLimit.isZero() && cpuTime(p).compareTo(cpuLimit) > 0) {
                kill(p);
                throw overCpuLimit(purpose);
            }
        }
    }

    /** CPU time of all the process's threads so far (zero where the system does not tell). */
    private static Duration cpuTime(Process p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private FfmpegTimeoutException overCpuLimit(String purpose) {
        return new FfmpegTimeoutException(purpose + " used more than its CPU-time limit of " + describe(cpuLimit)
                + " (cpu-limit) and was stopped");
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
