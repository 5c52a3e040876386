package dev.moviola.asset.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process and the DevTools connection to it. Started as an argument list (never a shell) with a
 * fresh profile directory of its own, no background traffic of its own (updates, sync, QUIC), and every request its
 * pages would make sent to a proxy that does not exist: pages fetch only what Moviola fulfils for them
 * ({@link PageRequests}), so anything that escaped that would reach nothing. Closing it ends the process tree and
 * removes the profile.
 */
final class Browser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Browser.class);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int STDERR_LINES = 30;

    private final Process process;
    private final Path profile;
    private final Cdp cdp;
    private final Deque<String> stderr;

    private Browser(Process process, Path profile, Cdp cdp, Deque<String> stderr) {
        this.process = process;
        this.profile = profile;
        this.cdp = cdp;
        this.stderr = stderr;
    }

    /**
     * Starts the browser and connects to it.
     *
     * @param program the browser's program
     * @param workDir where its profile directory is made (removed when it closes)
     * @param timeout longest the start may take
     */
    static Browser start(Path program, Path workDir, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-");
        List<String> command = List.of(program.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-domain-reliability", "--disable-breakpad", "--disable-dev-shm-usage", "--mute-audio",
                "--hide-scrollbars", "--force-color-profile=srgb", "--font-render-hinting=none",
                "--proxy-server=127.0.0.1:" + closedPort(), "--proxy-bypass-list=<-loopback>",
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--user-data-dir=" + profile, "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            delete(profile);
            throw new IOException("cannot start the browser " + program + ": " + e.getMessage(), e);
        }
        LOG.debug("browser started (pid {}): {}", process.pid(), command);
        Deque<String> stderr = new ArrayDeque<>();
        CompletableFuture<URI> address = new CompletableFuture<>();
        drain(process.getErrorStream(), stderr, address);
        try {
            URI devtools = address.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Browser(process, profile, Cdp.connect(devtools, timeout), stderr);
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            end(process);
            delete(profile);
            String tail = tail(stderr);
            throw new IOException("the browser " + program + " did not start" + (e instanceof TimeoutException
                    ? " within " + timeout.toSeconds() + " s" : "") + (tail.isEmpty() ? "" : ": " + tail), e);
        } catch (InterruptedException e) {
            end(process);
            delete(profile);
            throw e;
        }
    }

    Cdp cdp() {
        return cdp;
    }

    /** Whether the process runs and the connection to it is open. */
    boolean alive() {
        return process.isAlive() && cdp.isOpen();
    }

    /** The last lines the browser wrote to its stderr, for messages about what went wrong. */
    String tail() {
        return tail(stderr);
    }

    @Override
    public void close() {
        cdp.close();
        end(process);
        delete(profile);
        LOG.debug("browser (pid {}) closed", process.pid());
    }

    /**
     * A port nothing listens on: one the system just gave out and that was closed again. Used as the proxy, so a
     * request that reached the network stack would be refused on this machine.
     */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Keeps the tail of stderr and completes {@code address} with the DevTools address once it is printed. */
    private static void drain(InputStream err, Deque<String> tail, CompletableFuture<URI> address) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                    synchronized (tail) {
                        if (tail.size() == STDERR_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            address.completeExceptionally(new IOException("the browser ended before it was ready"));
        }, "browser-stderr");
        t.setDaemon(true);
        t.start();
    }

    private static String tail(Deque<String> stderr) {
        synchronized (stderr) {
            return String.join(" | ", stderr.stream().filter(l -> !l.isBlank()).skip(Math.max(0, stderr.size() - 5))
                    .toList());
        }
    }

    /** Asks the process tree to end, then forces what is left after a moment. */
    private static void end(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file the browser still held: the work directory's clean-up takes it later
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot remove the browser profile {}: {}", dir, e.getMessage());
        }
    }
}
