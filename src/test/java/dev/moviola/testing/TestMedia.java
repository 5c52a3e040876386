package dev.moviola.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small media files for tests, generated with ffmpeg at test time (nothing big is committed).
 */
public final class TestMedia {
    private TestMedia() {
    }

    /** A solid-colour picture; {@code color} in ffmpeg syntax (red, 0x336699, …). */
    public static Path solid(Path dir, String name, String color, int w, int h) {
        Path out = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "color=c=" + color + ":s=" + w + "x" + h, "-frames:v", "1", out.toString());
        return out;
    }

    /**
     * A picture split into four coloured quadrants (top-left red, top-right green, bottom-left blue,
     * bottom-right yellow), to see which part of a source ends up where.
     */
    public static Path quadrants(Path dir, String name, int w, int h) {
        Path out = dir.resolve(name);
        int hw = w / 2;
        int hh = h / 2;
        String graph = String.format(Locale.ROOT,
                "color=c=red:s=%1$dx%2$d[a];color=c=lime:s=%1$dx%2$d[b];color=c=blue:s=%1$dx%2$d[c];"
                        + "color=c=yellow:s=%1$dx%2$d[d];[a][b]hstack[top];[c][d]hstack[bottom];[top][bottom]vstack",
                hw, hh);
        ffmpeg("-f", "lavfi", "-i", graph, "-frames:v", "1", out.toString());
        return out;
    }

    /**
     * A video whose frame n is a flat grey of luma 16 + 2n (so a sampled frame tells which source frame it
     * is), with a 440 Hz tone.
     */
    public static Path countingVideo(Path dir, String name, int fps, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "nullsrc=s=64x64:r=" + fps + ":d=" + seconds + ",geq=lum='16+2*N':cb=128:cr=128",
                "-f", "lavfi", "-i", "sine=f=440:d=" + seconds, "-shortest",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-g", "1",
                "-c:a", "aac", out.toString());
        return out;
    }

    /** A sine tone, stereo 48 kHz WAV. */
    public static Path tone(Path dir, String name, double freq, double seconds, double amplitude) {
        Path out = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", String.format(Locale.ROOT, "aevalsrc=%s*sin(2*PI*%s*t):s=48000:d=%s",
                        amplitude, freq, seconds),
                "-ac", "2", "-c:a", "pcm_s16le", out.toString());
        return out;
    }

    /** Runs ffmpeg with these arguments (after {@code -y}); fails the test on error. */
    public static void ffmpeg(String... args) {
        List<String> all = new ArrayList<>(List.of("-v", "error"));
        all.addAll(List.of(args));
        try {
            TestFfmpeg.ffmpeg().run("test media", all, Duration.ofMinutes(2), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not generate test media: " + e.getMessage(), e);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
