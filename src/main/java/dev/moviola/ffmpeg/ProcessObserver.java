package dev.moviola.ffmpeg;

/**
 * Told about every ffmpeg/ffprobe process: lets tests count them and callers see what runs.
 * Implementations must be thread-safe; scenes may start processes concurrently.
 */
public interface ProcessObserver {
    ProcessObserver NONE = new ProcessObserver() {
    };

    /** Tells {@code first}, then {@code second}. */
    static ProcessObserver both(ProcessObserver first, ProcessObserver second) {
        if (first == NONE) {
            return second;
        }
        return new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle process) {
                first.started(purpose, process);
                second.started(purpose, process);
            }

            @Override
            public void finished(String purpose, ProcessHandle process, int exitCode) {
                first.finished(purpose, process, exitCode);
                second.finished(purpose, process, exitCode);
            }
        };
    }

    default void started(String purpose, ProcessHandle process) {
    }

    default void finished(String purpose, ProcessHandle process, int exitCode) {
    }
}
