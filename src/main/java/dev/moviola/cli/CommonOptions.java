package dev.moviola.cli;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegInstallation;
import dev.moviola.ffmpeg.FfmpegLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where ffmpeg, caches and fonts are, and how much to log. */
final class CommonOptions {
    @Option(names = "--ffmpeg", paramLabel = "PATH", description = "ffmpeg to use (default: $MOVIOLA_FFMPEG, the PATH, then the bundled build)")
    Path ffmpeg;

    @Option(names = "--ffprobe", paramLabel = "PATH", description = "ffprobe to use (default: next to ffmpeg or on the PATH)")
    Path ffprobe;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "long-lived files (default: $XDG_CACHE_HOME/moviola or ~/.cache/moviola; serve and worker: DATA_DIR/cache)")
    Path cacheDir;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "temporary files of each render (default: the system temp dir; serve and worker: DATA_DIR/work)")
    Path workDir;

    @Option(names = "--font-dir", paramLabel = "DIR", description = "extra directory with font files (repeatable)")
    List<Path> fontDirs;

    @Option(names = "--components-dir", paramLabel = "DIR",
            description = "a directory of your own component definitions, <pack>/<name>.json (docs/format.md#components)")
    Path componentsDir;

    @Option(names = "--browser", paramLabel = "PROGRAM",
            description = "headless Chromium that draws html elements (default: $MOVIOLA_BROWSER, else chromium, "
                    + "chromium-browser or google-chrome on the PATH)")
    Path browser;

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file with settings (default: $MOVIOLA_CONFIG)")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "log each phase and the ffmpeg commands")
    boolean verbose;

    Settings settings() {
        return settings(Map.of(), "warn");
    }

    /**
     * @param defaults settings used when neither flags, environment nor config file give them
     * @param level    the log level without {@code --verbose}
     */
    Settings settings(Map<String, String> defaults, String level) {
        configureLogging(level);
        Map<String, String> flags = new HashMap<>();
        put(flags, "ffmpeg", ffmpeg);
        put(flags, "ffprobe", ffprobe);
        put(flags, "cache-dir", cacheDir);
        put(flags, "work-dir", workDir);
        put(flags, "config", config);
        put(flags, "components-dir", componentsDir);
        put(flags, "browser", browser);
        if (fontDirs != null) {
            flags.put("font-dirs", String.join(java.io.File.pathSeparator, fontDirs.stream().map(Path::toString).toList()));
        }
        return Settings.load(flags, System.getenv(), defaults);
    }

    /**
     * The ffmpeg to use; none (none configured, found or bundled, or a configured one that is not a program) is a
     * setting to fix: one line and exit 2, not a stack trace.
     */
    static FfmpegInstallation locate(Settings s) throws IOException {
        try {
            return FfmpegLocator.locate(s.ffmpeg(), s.ffprobe(), s.cacheDir());
        } catch (IllegalStateException e) {
            throw new dev.moviola.config.InvalidSettingException(e.getMessage(), e);
        }
    }

    /** slf4j-simple reads its level once, when the first logger is made: set it before anything logs. */
    private void configureLogging(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void put(Map<String, String> flags, String key, Path value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
