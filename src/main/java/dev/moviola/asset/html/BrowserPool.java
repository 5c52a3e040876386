package dev.moviola.asset.html;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser shared by every capture of the process (elements, renders and jobs alike), so a movie with many html
 * elements starts Chromium once. Memory stays bounded: at most {@value #PARALLEL} pages at once, each in its own
 * context and closed after its capture; the browser is started afresh after {@value #CAPTURES_PER_BROWSER} captures,
 * after it crashed or a capture ran out of time, and closed when it has been idle for a while and when the process
 * ends. Thread-safe.
 */
final class BrowserPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserPool.class);
    static final int PARALLEL = 2;
    /** How many captures a browser makes before it is started afresh (what a long-lived one gathers is let go). */
    static final int CAPTURES_PER_BROWSER = 50;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final Duration idle;
    private final int capturesPerBrowser;
    private final Semaphore pages = new Semaphore(PARALLEL, true);
    /** Closes the browser once idle; made with the first browser, so that a process without html elements has none. */
    private ScheduledExecutorService reaper;
    private Path program;
    private Browser browser;
    private int uses;
    private int starts;
    private int inFlight;
    private boolean suspect;
    private long lastUsed;
    private boolean closed;
    private Thread hook;

    /**
     * @param workDir            where browsers keep their profile directories
     * @param idle               how long an unused browser stays open
     * @param capturesPerBrowser how many captures one browser makes ({@link #CAPTURES_PER_BROWSER}; tests: fewer)
     */
    BrowserPool(Path workDir, Duration idle, int capturesPerBrowser) {
        this.workDir = workDir;
        this.idle = idle;
        this.capturesPerBrowser = capturesPerBrowser;
    }

    /** What runs in a browser: a capture on its DevTools connection. */
    interface Work<T> {
        T run(Cdp cdp) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} on the browser {@code program} (started when none runs). A browser that crashed under it is
     * started again and the work tried once more.
     */
    <T> T run(Path program, Work<T> work) throws IOException, InterruptedException {
        pages.acquire();
        try {
            for (int attempt = 1; ; attempt++) {
                Browser b = acquire(program);
                try {
                    return work.run(b.cdp());
                } catch (IOException e) {
                    if (b.alive() || attempt == 2) {
                        if (timedOut(e)) {
                            markSuspect(b); // a page that hung may have left the browser busy
                        }
                        throw b.alive() ? e : new IOException(e.getMessage() + " (the browser ended: " + b.tail() + ")", e);
                    }
                    LOG.warn("the browser ended during a capture; starting it again: {}", b.tail());
                } finally {
                    release(b);
                }
            }
        } finally {
            pages.release();
        }
    }

    private synchronized Browser acquire(Path wanted) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("the browser pool is closed (Moviola is shutting down)");
        }
        boolean stale = browser != null && (!browser.alive() || !wanted.equals(program)
                || ((uses >= capturesPerBrowser || suspect) && inFlight == 0));
        if (stale) {
            browser.close();
            browser = null;
        }
        if (browser == null) {
            browser = Browser.start(wanted, workDir, START_TIMEOUT);
            starts++;
            program = wanted;
            uses = 0;
            suspect = false;
            if (hook == null) {
                hook = new Thread(this::close, "browser-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "browser-idle");
                    t.setDaemon(true);
                    return t;
                });
                long period = Math.max(1, idle.toMillis() / 2);
                reaper.scheduleWithFixedDelay(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
            }
        }
        uses++;
        inFlight++;
        return browser;
    }

    private static boolean timedOut(IOException e) {
        return e instanceof PageCapture.CaptureException c && c.timedOut()
                || e instanceof Cdp.CdpException c2 && c2.timedOut();
    }

    private synchronized void release(Browser b) {
        inFlight--;
        lastUsed = System.nanoTime();
        if (b == browser && !b.alive()) {
            b.close();
            browser = null;
        }
    }

    private synchronized void markSuspect(Browser b) {
        if (b == browser) {
            suspect = true;
        }
    }

    private synchronized void closeIfIdle() {
        if (browser != null && inFlight == 0 && System.nanoTime() - lastUsed > idle.toNanos()) {
            LOG.debug("closing the idle browser");
            browser.close();
            browser = null;
        }
    }

    /** How many browsers this pool has started. */
    synchronized int starts() {
        return starts;
    }

    @Override
    public void close() {
        Thread registered;
        ScheduledExecutorService idleCheck;
        synchronized (this) {
            closed = true;
            if (browser != null) {
                browser.close();
                browser = null;
            }
            registered = hook;
            idleCheck = reaper;
        }
        if (idleCheck != null) {
            idleCheck.shutdownNow();
        }
        if (registered != null && Thread.currentThread() != registered) {
            try {
                Runtime.getRuntime().removeShutdownHook(registered);
            } catch (IllegalStateException e) {
                // the process is ending: the hooks run anyway
            }
        }
    }
}
