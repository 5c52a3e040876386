package dev.moviola.testing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one piece of work at a time on a worker thread, with a time limit, and measures the bytes it allocated:
 * how the fuzz tests tell an input that hangs or balloons from one that is merely refused. A worker that
 * overruns is abandoned (it is a daemon) and a fresh one takes over.
 */
public final class Bounded implements AutoCloseable {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Duration limit;
    private ExecutorService worker = newWorker();

    /** What the work returned or threw (never both), and what it cost. */
    public record Result<T>(T value, Throwable thrown, boolean timedOut, long allocatedBytes, long millis) {
    }

    public Bounded(Duration limit) {
        this.limit = limit;
    }

    public <T> Result<T> run(Callable<T> work) throws InterruptedException {
        long[] allocated = new long[1];
        long t0 = System.nanoTime();
        Future<T> f = worker.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                return work.call();
            } finally {
                allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
        });
        try {
            T value = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Result<>(value, null, false, allocated[0], millisSince(t0));
        } catch (ExecutionException e) {
            return new Result<>(null, e.getCause(), false, allocated[0], millisSince(t0));
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Result<>(null, null, true, 0, millisSince(t0));
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bounded-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
