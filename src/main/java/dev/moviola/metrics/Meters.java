package dev.moviola.metrics;

import dev.moviola.ffmpeg.ProcessObserver;
import java.util.Locale;

/**
 * What a render and the service tell about the work they do, for {@code GET /metrics} (docs/operations.md#metrics):
 * one call per event, cheap, never failing. Nothing records them until a server {@link #install installs} its meters
 * ({@link PrometheusMeters}), so a CLI render pays a volatile read per event and never loads a metrics library.
 *
 * <p>The events happen deep in the shared services (a download in the fetcher, a call in a provider's HTTP client),
 * which every render of the process shares; a process has one {@code /metrics}. So the meters are the process's,
 * held here once, rather than threaded through every constructor from the server down to the fetcher.
 */
public interface Meters {
    /** Records nothing: what the CLI and every test that does not ask for meters have. */
    Meters NONE = new Meters() {
    };

    /** The caches whose use is counted, as {@code docs/format.md#caching} names them. */
    enum Layer {
        /** The finished movie. */
        MOVIE,
        /** A scene's clip. */
        SCENE,
        /** A source (downloaded or probed before). */
        ELEMENT,
        /** A transition's blended frames. */
        TRANSITION,
        /** The movie's mixed sound. */
        SOUND;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A paid service a render calls: {@code service} is {@code speech}, {@code images} or {@code transcription};
     * {@code name} a fixed word of ours ({@code openai}, {@code azure}), never a URL or a key.
     */
    record Provider(String service, String name) {
        public static Provider speech(String name) {
            return new Provider("speech", name);
        }

        public static Provider images(String name) {
            return new Provider("images", name);
        }

        public static Provider transcription(String name) {
            return new Provider("transcription", name);
        }
    }

    /** The meters events go to now. */
    static Meters current() {
        return Installed.meters;
    }

    /** From now on events go to {@code meters} (a server does this once, as it starts). */
    static void install(Meters meters) {
        Installed.meters = meters;
    }

    /** A source's bytes were downloaded (not taken from the cache). */
    default void fetched(long bytes) {
    }

    /** A provider was called (with its retries): {@code ok} when it answered, else it failed. */
    default void providerCalled(Provider provider, boolean ok) {
    }

    /**
     * A step of a render finished, having taken {@code nanos} in this process: {@code planning}, {@code sound},
     * {@code transitions}, {@code assembling}, {@code uploading}.
     */
    default void phase(String phase, long nanos) {
    }

    /** A scene's clip is ready after {@code nanos}: rendered, or taken from the scene cache ({@code cached}). */
    default void scene(boolean cached, long nanos) {
    }

    /** A cache was asked: {@code hits} found, {@code misses} made anew. */
    default void cache(Layer layer, int hits, int misses) {
    }

    /** An ffmpeg or ffprobe process started. */
    default void ffmpegStarted() {
    }

    /** An ffmpeg or ffprobe process ended with {@code exitCode}. */
    default void ffmpegEnded(int exitCode) {
    }

    /** An observer of an {@code Ffmpeg}'s processes that tells whichever meters are current when they run. */
    static ProcessObserver ffmpegProcesses() {
        return new ProcessObserver() {
            @Override
            public void started(String purpose, ProcessHandle process) {
                current().ffmpegStarted();
            }

            @Override
            public void finished(String purpose, ProcessHandle process, int exitCode) {
                current().ffmpegEnded(exitCode);
            }
        };
    }

    /** A job was accepted. */
    default void jobSubmitted() {
    }

    /** This process moved a job into a finished state: {@code done}, {@code failed} or {@code cancelled}. */
    default void jobFinished(String status) {
    }
}
