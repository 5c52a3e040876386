package dev.moviola.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Finds ffmpeg and ffprobe: the configured paths first, then the PATH, then the static build that ships
 * with Moviola's dependencies ({@code ws.schild:jave-nativebin-*}), extracted once into the cache directory.
 */
public final class FfmpegLocator {

    private static final String BUNDLE_DIR = "ws/schild/jave/nativebin/";
    private static final String BUNDLE_POM = "META-INF/maven/ws.schild/";

    private FfmpegLocator() {
    }

    /**
     * @param configuredFfmpeg  an explicit ffmpeg (setting or environment variable), if any
     * @param configuredFfprobe an explicit ffprobe, if any
     * @param cacheDir          where the bundled build is extracted
     */
    public static FfmpegInstallation locate(Optional<Path> configuredFfmpeg, Optional<Path> configuredFfprobe,
            Path cacheDir) throws IOException {
        Optional<Path> probe = configuredFfprobe.map(p -> requireExecutable(p, "ffprobe"));
        if (configuredFfmpeg.isPresent()) {
            Path ffmpeg = requireExecutable(configuredFfmpeg.get(), "ffmpeg");
            return installation(ffmpeg, probe.or(() -> sibling(ffmpeg, "ffprobe")), "configured", cacheDir);
        }
        Optional<Path> onPath = onPath("ffmpeg");
        if (onPath.isPresent()) {
            return installation(onPath.get(), probe.or(() -> sibling(onPath.get(), "ffprobe")).or(() -> onPath("ffprobe")),
                    "PATH", cacheDir);
        }
        Path bundled = extractBundled(cacheDir);
        return installation(bundled, probe, "bundled", cacheDir);
    }

    private static FfmpegInstallation installation(Path ffmpeg, Optional<Path> ffprobe, String origin, Path cacheDir)
            throws IOException {
        return new FfmpegInstallation(ffmpeg, ffprobe, version(ffmpeg, cacheDir), origin);
    }

    /**
     * The binary's version, remembered in {@code cache-dir/ffmpeg/versions.properties} by its real path, size and
     * modification time: asking costs a process start (0.1 s for a distribution's ffmpeg with its 200 shared
     * libraries), which a render served from the cache should not pay. Replacing the binary changes its size or
     * time, so the new one is asked.
     */
    static String version(Path ffmpeg, Path cacheDir) throws IOException {
        Path real = ffmpeg.toRealPath();
        String key = real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis();
        Path memo = cacheDir.resolve("ffmpeg").resolve("versions.properties");
        Properties known = new Properties();
        try (InputStream in = Files.newInputStream(memo)) {
            known.load(in);
        } catch (IOException e) {
            // none yet, or unreadable: ask the binary
        }
        String version = known.getProperty(key);
        if (version != null && !version.isBlank()) {
            return version;
        }
        version = readVersion(ffmpeg);
        known.setProperty(key, version);
        try {
            Files.createDirectories(memo.getParent());
            Path tmp = Files.createTempFile(memo.getParent(), "versions", ".tmp");
            try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
                known.store(out, "ffmpeg versions by binary (path|size|mtime); safe to delete");
            }
            Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only cache directory only costs the question next time
        }
        return version;
    }

    private static Path requireExecutable(Path p, String what) {
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new IllegalStateException("the configured " + what + " \"" + p + "\" is not an executable file; "
                    + "fix MOVIOLA_" + what.toUpperCase(Locale.ROOT) + " (or --" + what + ") or unset it to use the one on the PATH");
        }
        return p.toAbsolutePath();
    }

    private static Optional<Path> sibling(Path ffmpeg, String name) {
        Path p = ffmpeg.resolveSibling(executableName(name));
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, executableName(name));
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String executableName(String name) {
        return isWindows() ? name + ".exe" : name;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Copies the bundled binary out of its jar once per version (atomically, so concurrent starts are safe). */
    static Path extractBundled(Path cacheDir) throws IOException {
        ClassLoader loader = FfmpegLocator.class.getClassLoader();
        for (String candidate : bundledNames()) {
            try (InputStream in = loader.getResourceAsStream(BUNDLE_DIR + candidate)) {
                if (in == null) {
                    continue;
                }
                Path target = cacheDir.resolve("ffmpeg").resolve(bundleVersion(loader)).resolve(executableName("ffmpeg"));
                if (Files.isExecutable(target)) {
                    return target;
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "ffmpeg", ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (!tmp.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + tmp + " executable");
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            }
        }
        throw new IllegalStateException("no ffmpeg found: none configured (--ffmpeg or MOVIOLA_FFMPEG), none on the PATH,"
                + " and this Moviola carries no ffmpeg of its own for " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + " (the release archive leaves it out); install ffmpeg (Debian: apt-get"
                + " install ffmpeg) or set ffmpeg to its path");
    }

    /** Names the jave-nativebin jars use for their binary, by platform. */
    private static List<String> bundledNames() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        List<String> names = new ArrayList<>();
        if (os.contains("mac")) {
            names.add(arm ? "ffmpeg-aarch64-osx" : "ffmpeg-x86_64-osx");
        } else if (os.startsWith("windows")) {
            names.add("ffmpeg-amd64.exe");
        } else {
            names.add(arm ? "ffmpeg-aarch64" : "ffmpeg-amd64");
        }
        return names;
    }

    private static String bundleVersion(ClassLoader loader) {
        for (String platform : List.of("linux64", "linux-arm64", "osx64", "osxm1", "win64")) {
            try (InputStream in = loader.getResourceAsStream(
                    BUNDLE_POM + "jave-nativebin-" + platform + "/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return "jave-" + p.getProperty("version", "unknown");
                }
            } catch (IOException e) {
                // fall through: an unreadable manifest only costs the version in the cache path
            }
        }
        return "jave-unknown";
    }

    private static String readVersion(Path ffmpeg) throws IOException {
        Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-version")
                .redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(ffmpeg + " -version did not answer within 30 s");
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ffmpeg version (\\S+)").matcher(out);
            if (!m.find()) {
                throw new IOException(ffmpeg + " does not look like ffmpeg: " + out.lines().findFirst().orElse(""));
            }
            return m.group(1);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking ffmpeg its version", e);
        }
    }
}
