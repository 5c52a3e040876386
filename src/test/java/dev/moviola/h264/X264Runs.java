package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.testing.TestFfmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test side: x264 runs with the renderer's settings, and ffmpeg/ffprobe decodes of the still clips, each an argument
 * list with a timeout.
 */
final class X264Runs {
    /** What a run printed and returned. */
    record Result(int exit, String stdout, String stderr) {
    }

    private X264Runs() {
    }

    /**
     * Annex B output of libx264 with the renderer's flags, on a static picture with detail (testsrc2's first frame,
     * repeated), so that the frames after the first are identical to it.
     */
    static byte[] encode(Path dir, String preset, int crf, int w, int h, int frames, String... extra) {
        Path out = dir.resolve("x264-" + preset + "-" + crf + "-" + w + "x" + h + "-" + frames + "-"
                + String.join("_", extra).replaceAll("[^A-Za-z0-9=]", "") + ".h264");
        List<String> args = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=s=" + w + "x" + h + ":r=30,trim=end_frame=1,loop=loop=-1:size=1",
                "-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf), "-pix_fmt", "yuv420p",
                "-profile:v", "high", "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
                "-color_range", "tv", "-r", "30", "-threads", "1", "-frames:v", String.valueOf(frames)));
        args.addAll(Arrays.asList(extra));
        args.addAll(List.of("-f", "h264", out.toString()));
        Result r = ffmpeg(args);
        assertThat(r.exit()).as("x264 run failed: %s", r.stderr()).isZero();
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** md5 of every decoded frame, in output order, via ffmpeg's framemd5; asserts that ffmpeg printed nothing. */
    static List<String> framemd5(Path video, String... inputOptions) {
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(Arrays.asList(inputOptions));
        args.addAll(List.of("-i", video.toString(), "-map", "0:v", "-vsync", "0", "-f", "framemd5", "-"));
        Result r = ffmpeg(args);
        assertThat(r.exit()).as("ffmpeg decode of %s: %s", video, r.stderr()).isZero();
        assertThat(r.stderr()).as("decoder messages for %s", video).isEmpty();
        List<String> md5 = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split(",");
                md5.add(f[f.length - 1].trim());
            }
        }
        return md5;
    }

    static Result ffmpeg(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestFfmpeg.installation().ffmpeg().toString());
        cmd.add("-nostdin");
        cmd.addAll(args);
        return run(cmd, 120);
    }

    static Result ffprobe(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestFfmpeg.installation().ffprobe()
                .orElseThrow(() -> new AssertionError("ffprobe is missing: install the Debian package ffmpeg"))
                .toString());
        cmd.addAll(args);
        return run(cmd, 60);
    }

    static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            Path outFile = Files.createTempFile("h264-run", ".out");
            Path errFile = Files.createTempFile("h264-run", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                        Files.readString(errFile, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
