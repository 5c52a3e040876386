package dev.moviola.ffmpeg;

/**
 * Told about every ffmpeg/ffprobe process: lets tests count them and callers see what runs.
 * Implementations must be thread-safe; scenes may start processes concurrently.
 */
public interface ProcessObserver {
    ProcessObserver NONE = new ProcessObserver() {
    };

    default void started(String purpose, ProcessHandle process) {
    }

    default void finished(String purpose, ProcessHandle process, int exitCode) {
    }
}
