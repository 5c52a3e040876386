package dev.moviola.testing;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegInstallation;
import dev.moviola.ffmpeg.FfmpegLocator;
import dev.moviola.ffmpeg.ProcessObserver;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The ffmpeg the tests use: found the way the product finds it (configured, PATH, then bundled). */
public final class TestFfmpeg {
    private static FfmpegInstallation installation;

    private TestFfmpeg() {
    }

    public static synchronized FfmpegInstallation installation() {
        if (installation == null) {
            Settings s = Settings.fromEnvironment();
            try {
                installation = FfmpegLocator.locate(s.ffmpeg(), s.ffprobe(), s.cacheDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return installation;
    }

    public static Ffmpeg ffmpeg() {
        return new Ffmpeg(installation(), ProcessObserver.NONE);
    }

    public static Ffmpeg ffmpeg(ProcessObserver observer) {
        return new Ffmpeg(installation(), observer);
    }
}
