package dev.moviola.config;

import dev.moviola.movie.Limits;
import dev.moviola.net.Access;
import dev.moviola.net.Resolver;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every setting of Moviola in one typed place. Each has a key ({@code cache-dir}); its value comes from, in
 * order: a command-line flag, the environment ({@code MOVIOLA_CACHE_DIR}), the config file
 * ({@code cache-dir=…} in a properties file named by {@code --config} or {@code MOVIOLA_CONFIG}), the default.
 *
 * @param ffmpeg          an explicit ffmpeg binary (else the PATH, else the bundled build)
 * @param ffprobe         an explicit ffprobe binary
 * @param cacheDir        long-lived files: the extracted ffmpeg and the cache store ({@code store/})
 * @param cacheMaxBytes   the cache store's bound; least recently used entries are evicted beyond it
 * @param workDir         where each render keeps its temporary files
 * @param fontDirs        extra directories searched for font files, before the system's
 * @param downloadMaxBytes largest source accepted from a URL
 * @param downloadMaxTotalBytes most one render's URL sources may add up to
 * @param downloadTimeout longest a download may take
 * @param sceneTimeout    longest one scene may render
 * @param assembleTimeout longest the assembly may take
 * @param cpuLimit        most CPU time (all threads) one ffmpeg or ffprobe process may use; zero: no limit
 * @param limits          what documents may ask for: scenes, elements per scene, movie length
 * @param maxConcurrency  most scenes one render may render at once, whatever it asks for
 * @param sceneThreads    encoder threads of each scene (default: max(2, cores ÷ 3))
 * @param stillFrames     whether a scene body whose frames are all the same is encoded once (a keyframe, then
 *                        frames that repeat it) rather than frame by frame by x264 (default true)
 * @param access          what renders may read besides the document: anything (the CLI), or what the server
 *                        allows ({@code fetch-allow}, {@code local-dirs}; enforced by {@code serve})
 * @param providers       speech and transcription engines: the local one, the cloud ones and their keys
 * @param componentsDir   a directory of the user's component definitions ({@code <pack>/<name>.json}), or empty
 * @param images          AI image providers, their keys and the model map
 * @param browser         the headless browser that draws html elements (a program name or path); empty: the first of
 *                        chromium, chromium-browser, google-chrome on the PATH
 */
public record Settings(
        Optional<Path> ffmpeg,
        Optional<Path> ffprobe,
        Path cacheDir,
        long cacheMaxBytes,
        Path workDir,
        List<Path> fontDirs,
        long downloadMaxBytes,
        long downloadMaxTotalBytes,
        Duration downloadTimeout,
        Duration sceneTimeout,
        Duration assembleTimeout,
        Duration cpuLimit,
        Limits limits,
        int maxConcurrency,
        int sceneThreads,
        boolean stillFrames,
        Access access,
        ProviderSettings providers,
        Optional<Path> componentsDir, ImageSettings images, Optional<Path> browser) {

    public Settings {
        fontDirs = List.copyOf(fontDirs);
    }

    /**
     * The default CPU-time limit of one ffmpeg process, per second of the longest movie allowed
     * ({@code max-duration}): CPU time measures work whatever the number of cores, and the most work one process
     * legitimately does is encoding a whole movie of that length. x264 at {@code high} needs about 25 ms of CPU
     * per 1080p frame (VideoEncoding), so 4K at 60 fps is about 6 s of CPU per second of movie, decoding and
     * filters included: twice that leaves room for slower machines. With the default 20 min, 4 hours.
     */
    static final int CPU_SECONDS_PER_MOVIE_SECOND = 12;

    /** The keys this record reads, for messages about unknown keys in config files. */
    public static final List<String> KEYS = List.of("ffmpeg", "ffprobe", "cache-dir", "cache-max-bytes", "work-dir", "font-dirs",
            "download-max-bytes", "download-max-total-bytes", "download-timeout", "scene-timeout", "assemble-timeout", "cpu-limit", "max-scenes", "max-source-pixels",
            "max-elements-per-scene", "max-duration", "max-concurrency", "scene-threads", "still-frames",
            "fetch-allow", "local-dirs", "components-dir", "browser");

    /** These and the speech and image providers' keys: what a flag, the environment or a config file may set for a render. */
    static final List<String> ALL_KEYS = java.util.stream.Stream.of(KEYS, ProviderSettings.KEYS, ImageSettings.KEYS)
            .flatMap(List::stream).toList();

    /** Settings from the process environment and config file only (no flags). */
    public static Settings fromEnvironment() {
        return load(Map.of(), System.getenv());
    }

    /**
     * @param flags values given on the command line, by key
     * @param env   the environment (System.getenv() outside tests)
     */
    public static Settings load(Map<String, String> flags, Map<String, String> env) {
        return load(flags, env, Map.of());
    }

    /** @param defaults values used when neither a flag, the environment nor the config file gives one */
    public static Settings load(Map<String, String> flags, Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(merge(flags, env, ALL_KEYS));
        Duration maxDuration = duration(merged, "max-duration", Duration.ofSeconds((long) Limits.DEFAULT.maxDuration()));
        return new Settings(
                path(merged, "ffmpeg"),
                path(merged, "ffprobe"),
                path(merged, "cache-dir").orElse(defaultCacheDir(env)),
                bytes(merged, "cache-max-bytes", 5L << 30),
                workDir(path(merged, "work-dir").orElse(Path.of(System.getProperty("java.io.tmpdir")))),
                paths(merged.get("font-dirs")),
                bytes(merged, "download-max-bytes", 1L << 30),
                bytes(merged, "download-max-total-bytes", 10L << 30),
                duration(merged, "download-timeout", Duration.ofSeconds(120)),
                duration(merged, "scene-timeout", Duration.ofMinutes(30)),
                duration(merged, "assemble-timeout", Duration.ofMinutes(30)),
                duration(merged, "cpu-limit", maxDuration.multipliedBy(CPU_SECONDS_PER_MOVIE_SECOND)),
                new Limits(
                        (int) bytes(merged, "max-scenes", Limits.DEFAULT.maxScenes()),
                        (int) bytes(merged, "max-elements-per-scene", Limits.DEFAULT.maxElementsPerScene()),
                        Limits.DEFAULT.maxSide(), Limits.DEFAULT.maxPixels(), maxDuration.toMillis() / 1000.0,
                        bytes(merged, "max-source-pixels", Limits.DEFAULT.maxSourcePixels())),
                (int) Math.min(32, bytes(merged, "max-concurrency", defaultConcurrency())),
                (int) Math.min(64, bytes(merged, "scene-threads", defaultSceneThreads())),
                bool(merged, "still-frames", true),
                new Access(false, List.of(merged.getOrDefault("fetch-allow", "").split(",")),
                        paths(merged.get("local-dirs")), Resolver.SYSTEM),
                ProviderSettings.load(merged),
                componentsDir(path(merged, "components-dir")), ImageSettings.load(merged), path(merged, "browser"));
    }

    /** The components documents may use: the shipped ones and, with {@code components-dir}, the user's. */
    public dev.moviola.movie.component.ComponentLibrary components() {
        return componentsDir.map(dev.moviola.movie.component.ComponentLibrary::withUserDir)
                .orElseGet(dev.moviola.movie.component.ComponentLibrary::shipped);
    }

    /** A components directory whose definitions all read (checked once, when the settings load). */
    private static Optional<Path> componentsDir(Optional<Path> dir) {
        if (dir.isPresent()) {
            try {
                dev.moviola.movie.component.ComponentLibrary.withUserDir(dir.get());
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new InvalidSettingException("setting components-dir: " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** The same settings, reading what {@code access} allows. */
    public Settings withAccess(Access access) {
        return new Settings(ffmpeg, ffprobe, cacheDir, cacheMaxBytes, workDir, fontDirs, downloadMaxBytes, downloadMaxTotalBytes,
                downloadTimeout, sceneTimeout, assembleTimeout, cpuLimit, limits, maxConcurrency, sceneThreads, stillFrames,
                access, providers, componentsDir, images, browser);
    }

    /** The values of {@code keys} by precedence: flags, then the environment, then the config file. */
    /** A yes/no setting: true, yes, on, 1 or false, no, off, 0; the default when unset. */
    static boolean bool(Map<String, String> m, String key, boolean defaultValue) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new InvalidSettingException("setting " + key + ": expected true or false, got \"" + v + "\"");
        }
    }

    static Map<String, String> merge(Map<String, String> flags, Map<String, String> env, List<String> keys) {
        Map<String, String> merged = new HashMap<>();
        Optional<String> configFile = Optional.ofNullable(flags.get("config")).or(() -> Optional.ofNullable(env.get("MOVIOLA_CONFIG")));
        configFile.ifPresent(f -> readFile(Path.of(f)).forEach((k, v) -> {
            if (keys.contains(k)) {
                merged.put(k, v);
            }
        }));
        for (String key : keys) {
            String envValue = env.get("MOVIOLA_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (envValue != null && !envValue.isBlank()) {
                merged.put(key, envValue);
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /**
     * Two threads at least: the last scene of a render often encodes alone, and with one thread it would leave a
     * core idle; x264 spends the same CPU time on a clip with two threads as with one (measured, 1080p).
     */
    private static long defaultSceneThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors() / 3);
    }

    /** Twice the cores, within 2 and 32: enough to keep the CPU busy while some scenes start or finish. */
    private static long defaultConcurrency() {
        return Math.max(2, Math.min(32, 2L * Runtime.getRuntime().availableProcessors()));
    }

    private static Path defaultCacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("moviola");
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new InvalidSettingException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!ALL_KEYS.contains(key) && !ServiceSettings.KEYS.contains(key)) {
                throw new InvalidSettingException("config file " + file + ": unknown setting \"" + key
                        + "\"; known settings: " + String.join(", ", ALL_KEYS) + ", " + String.join(", ", ServiceSettings.KEYS));
            }
            out.put(key, p.getProperty(key).trim());
        }
        return out;
    }

    /**
     * The work directory: every file a render hands ffmpeg lives under it, and ffmpeg's picture reader takes a
     * {@code %} in a path for a frame-number pattern ({@code %d}), so a path with one is refused here, once.
     */
    private static Path workDir(Path dir) {
        if (dir.toAbsolutePath().toString().contains("%")) {
            throw new InvalidSettingException("setting work-dir: " + dir.toAbsolutePath() + " has a '%' in it, which"
                    + " ffmpeg reads as a frame-number pattern; choose a directory without one");
        }
        return dir;
    }

    static Optional<Path> path(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    private static List<Path> paths(String v) {
        List<Path> out = new ArrayList<>();
        if (v != null) {
            for (String p : v.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    out.add(Path.of(p.trim()));
                }
            }
        }
        return out;
    }

    /** A whole number (bytes, counts); sizes may carry a binary unit: {@code 512M}, {@code 10G}, {@code 2GiB}. */
    static long bytes(Map<String, String> m, String key, long defaultValue) {
        String v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        java.util.regex.Matcher unit = java.util.regex.Pattern.compile("(?i)\\s*(\\d+)\\s*(|k|m|g|t)(?:i?b)?\\s*").matcher(v);
        try {
            if (!unit.matches()) {
                throw new NumberFormatException();
            }
            int shift = 10 * "kmgt".indexOf(unit.group(2).toLowerCase(Locale.ROOT)) + 10;
            long n = Long.parseLong(unit.group(1));
            long scaled = unit.group(2).isEmpty() ? n : n << shift;
            if (n <= 0 || (scaled >> (unit.group(2).isEmpty() ? 0 : shift)) != n) {
                throw new NumberFormatException();
            }
            return scaled;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("setting " + key + ": expected a whole number > 0 (sizes may end in K, M, G "
                    + "or T), got \"" + v + "\"", e);
        }
    }

    /** Seconds as a number ({@code 90}) or an ISO-8601 duration ({@code PT30M}). */
    static Duration duration(Map<String, String> m, String key, Duration defaultValue) {
        String v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return v.trim().toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v.trim())
                    : Duration.ofMillis(Math.round(Double.parseDouble(v.trim()) * 1000));
        } catch (RuntimeException e) {
            throw new InvalidSettingException("setting " + key + ": expected seconds (e.g. 90) or a duration like PT30M, got \"" + v + "\"", e);
        }
    }
}
