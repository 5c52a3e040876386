package dev.moviola.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a new user meets it: unpacked somewhere else, {@code bin/moviola} run with only Java and an
 * ffmpeg on the PATH. {@code mvn test} runs before {@code package}, so by default the test lays the archive out the
 * way {@code src/assembly/dist.xml} does (the launcher from src/dist/bin, lib/ from target/classes and the runtime
 * jars, without the GPL ffmpeg jar); {@code -Dmoviola.archive=target/moviola-VERSION-dist.tar.gz} tests the built one.
 */
@Slow
class ReleaseArchiveTest {
    @TempDir
    Path dir;

    @Test
    void unpackedArchiveRendersAMovieWithOnlyJavaAndFfmpegOnThePath() throws Exception {
        Path home = install(dir.resolve("opt"));
        assertThat(home.resolve("bin/moviola")).isExecutable();
        assertThat(Files.list(home.resolve("lib")).map(p -> p.getFileName().toString()))
                .as("the GPL ffmpeg build stays out of the archive").noneMatch(n -> n.startsWith("jave-nativebin"))
                .anyMatch(n -> n.startsWith("moviola")).anyMatch(n -> n.startsWith("picocli"));

        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(work.resolve("movie.json"), """
                {"resolution": "custom", "width": 160, "height": 90, "scenes": [
                  {"duration": 1, "background-color": "#FF0000"},
                  {"duration": 1, "background-color": "hsl(240, 100%, 50%)"}]}""");
        Result version = run(home, work, "--version");
        assertThat(version.exit).as(version.output).isZero();
        assertThat(version.output).containsIgnoringCase("moviola");

        Result render = run(home, work, "render", "movie.json", "-o", "out.mp4", "--no-progress");
        assertThat(render.exit).as(render.output).isZero();
        Path out = work.resolve("out.mp4");
        MediaInfo info = Decoded.probe(out);
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.height()).isEqualTo(90);
        assertThat(info.duration()).isBetween(1.9, 2.1);
        BufferedImage red = Decoded.frame(out, 12);
        BufferedImage blue = Decoded.frame(out, 40);
        assertThat(Pixels.near(red, 80, 45, 255, 0, 0)).as(Pixels.describe(red, 80, 45)).isTrue();
        assertThat(Pixels.near(blue, 80, 45, 0, 0, 255)).as(Pixels.describe(blue, 80, 45)).isTrue();
    }

    /**
     * Java copies a font read from a stream (a jar entry) into a temporary file that only a normal exit deletes; a
     * killed render left ~3 MB of them in /tmp each time. The bundled fonts now come from a copy in the cache.
     */
    @Test
    void aKilledRenderLeavesNoTemporaryFontFiles() throws Exception {
        Path home = install(dir.resolve("opt"));
        Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Path movie = dir.resolve("movie.json");
            Files.writeString(movie, """
                    {"resolution": "custom", "width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                      {"type": "text", "text": "Hi", "settings": {"font-family": "No Such Family"}},
                      {"type": "image", "src": "http://127.0.0.1:%d/never.png"}]}]}""".formatted(silent.getLocalPort()));
            Process render = start(home, dir, Map.of("MOVIOLA_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTmp),
                    "render", movie.toString(), "-o", dir.resolve("never.mp4").toString(), "--no-progress");
            try {
                silent.setSoTimeout(60_000);
                silent.accept().close(); // the fonts are loaded (the missing family was looked for) and the download began
            } finally {
                render.destroyForcibly(); // SIGKILL: no shutdown hook runs
                render.waitFor(20, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> left = Files.walk(javaTmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("+~JF"));
        }
        try (Stream<Path> fonts = Files.walk(dir.resolve("user-home/.cache/moviola/fonts"))) {
            assertThat(fonts.map(p -> p.getFileName().toString())).contains("Inter-Regular.otf");
        }
    }

    @Test
    void launcherRefusesAJavaOlderThan17WithOneLine() throws Exception {
        Path home = install(dir.resolve("opt"));
        Path oldJava = Files.createDirectories(dir.resolve("old-jdk/bin")).resolve("java");
        Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        oldJava.toFile().setExecutable(true);
        Result r = run(home, dir, Map.of("JAVA_HOME", dir.resolve("old-jdk").toString()), "--version");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output.strip()).startsWith("moviola: Java 11 found").endsWith("needs Java 17 or newer (set JAVA_HOME)");
    }

    record Result(int exit, String output) {
    }

    private Result run(Path home, Path cwd, String... args) throws Exception {
        return run(home, cwd, Map.of(), args);
    }

    /** Runs bin/moviola as a user would: a fresh HOME, and a PATH that has ffmpeg (the test's) and the system's tools. */
    private Result run(Path home, Path cwd, Map<String, String> env, String... args) throws Exception {
        Process p = start(home, cwd, env, args);
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/moviola did not finish");
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Process start(Path home, Path cwd, Map<String, String> env, String... args) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path ffmpeg = TestFfmpeg.installation().ffmpeg();
        link(tools.resolve("ffmpeg"), ffmpeg);
        if (TestFfmpeg.installation().ffprobe().isPresent()) {
            link(tools.resolve("ffprobe"), TestFfmpeg.installation().ffprobe().get());
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/moviola").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MOVIOLA_") || k.equals("XDG_CACHE_HOME"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("user-home")).toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PATH", tools + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void link(Path link, Path target) throws IOException {
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, target.toAbsolutePath());
        }
    }

    /** The archive's top folder, unpacked (given) or laid out like src/assembly/dist.xml (default). */
    private static Path install(Path into) throws Exception {
        Files.createDirectories(into);
        String archive = System.getProperty("moviola.archive");
        if (archive != null && !archive.isBlank()) {
            Process tar = new ProcessBuilder("tar", "-xzf", Path.of(archive).toAbsolutePath().toString(), "-C", into.toString())
                    .inheritIO().start();
            assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar unpacked " + archive).isTrue();
            try (Stream<Path> top = Files.list(into)) {
                return top.findFirst().orElseThrow();
            }
        }
        Path home = Files.createDirectories(into.resolve("moviola"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.copy(Path.of("src/dist/bin/moviola"), bin.resolve("moviola"));
        bin.resolve("moviola").toFile().setExecutable(true);
        Path lib = Files.createDirectories(home.resolve("lib"));
        jar(Path.of("target/classes"), lib.resolve("moviola.jar"));
        // The runtime jars as Maven lists them (target/runtime-classpath.txt, see pom.xml), else this JVM's less test jars.
        Path runtime = Path.of("target/runtime-classpath.txt");
        String classpath = Files.isRegularFile(runtime) ? Files.readString(runtime).strip() : System.getProperty("java.class.path");
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && Files.isRegularFile(p) && !isTestOnly(name)) {
                Files.copy(p, lib.resolve(name));
            }
        }
        return home;
    }

    private static boolean isTestOnly(String jar) {
        return Stream.of("junit-", "assertj-", "opentest4j-", "apiguardian-", "byte-buddy", "surefire", "jave-nativebin")
                .anyMatch(jar::startsWith);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
