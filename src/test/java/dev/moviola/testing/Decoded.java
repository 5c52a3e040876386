package dev.moviola.testing;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a viewer sees and hears in a rendered file: decoded frames, pixels, audio samples, probe facts. */
public final class Decoded {
    private Decoded() {
    }

    public static MediaInfo probe(Path file) {
        try {
            return new MediaProbe(TestFfmpeg.ffmpeg()).probe(file);
        } catch (Exception e) {
            throw new IllegalStateException("probe failed: " + e.getMessage(), e);
        }
    }

    /** Frame number {@code index} (0-based) of the first video stream, as RGB. */
    public static BufferedImage frame(Path video, long index) {
        MediaInfo info = probe(video);
        int w = info.width();
        int h = info.height();
        byte[] raw = run(List.of("-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0",
                "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"));
        if (raw.length < w * h * 3) {
            throw new IllegalStateException("frame " + index + " not found in " + video);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0, p = 0; i < w * h; i++, p += 3) {
            img.setRGB(i % w, i / w, (raw[p] & 0xFF) << 16 | (raw[p + 1] & 0xFF) << 8 | (raw[p + 2] & 0xFF));
        }
        return img;
    }

    /** The frames with the given numbers (0-based), as RGB, decoded in one pass that keeps only those. */
    public static java.util.Map<Long, BufferedImage> frames(Path video, java.util.Collection<Long> indices) {
        MediaInfo info = probe(video);
        int w = info.width();
        int h = info.height();
        java.util.Set<Long> wanted = new java.util.HashSet<>(indices);
        java.util.Map<Long, BufferedImage> out = new java.util.HashMap<>();
        List<String> cmd = new ArrayList<>(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-v", "error",
                "-nostdin", "-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt",
                "rgb24", "pipe:1"));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] raw = new byte[w * h * 3];
            try (InputStream in = p.getInputStream()) {
                for (long n = 0; in.readNBytes(raw, 0, raw.length) == raw.length; n++) {
                    if (wanted.contains(n)) {
                        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                        for (int i = 0, q = 0; i < w * h; i++, q += 3) {
                            img.setRGB(i % w, i / w, (raw[q] & 0xFF) << 16 | (raw[q + 1] & 0xFF) << 8 | (raw[q + 2] & 0xFF));
                        }
                        out.put(n, img);
                    }
                }
            }
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed: " + cmd);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        wanted.removeAll(out.keySet());
        if (!wanted.isEmpty()) {
            throw new IllegalStateException("frames " + wanted + " not found in " + video);
        }
        return out;
    }

    /** Every frame of a (small) video, as RGB, decoded in one pass. */
    public static List<BufferedImage> frames(Path video) {
        MediaInfo info = probe(video);
        int w = info.width();
        int h = info.height();
        byte[] raw = run(List.of("-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0", "-f", "rawvideo",
                "-pix_fmt", "rgb24", "pipe:1"));
        List<BufferedImage> frames = new ArrayList<>();
        for (int off = 0; off + w * h * 3 <= raw.length; off += w * h * 3) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int i = 0, p = off; i < w * h; i++, p += 3) {
                img.setRGB(i % w, i / w, (raw[p] & 0xFF) << 16 | (raw[p + 1] & 0xFF) << 8 | (raw[p + 2] & 0xFF));
            }
            frames.add(img);
        }
        return frames;
    }

    /** Number of video frames, counted by decoding. */
    public static long frameCount(Path video) {
        byte[] out = run(List.of("-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0", "-f", "framemd5", "pipe:1"));
        return new String(out).lines().filter(l -> !l.startsWith("#")).count();
    }

    /** MD5 of every decoded video frame, in order. */
    public static List<String> frameHashes(Path video) {
        byte[] out = run(List.of("-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0", "-f", "framemd5", "pipe:1"));
        List<String> hashes = new ArrayList<>();
        new String(out).lines().filter(l -> !l.startsWith("#")).forEach(l -> hashes.add(l.substring(l.lastIndexOf(',') + 1).trim()));
        return hashes;
    }

    /** The first audio stream as mono float samples at 48 kHz (channels averaged). */
    public static float[] audio(Path file) {
        byte[] raw = run(List.of("-i", "file:" + file.toAbsolutePath(), "-map", "0:a:0", "-ac", "1", "-ar", "48000",
                "-f", "f32le", "pipe:1"));
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[raw.length / 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bb.getFloat();
        }
        return samples;
    }

    /** Root mean square of {@code samples} in [from, to) seconds at 48 kHz. */
    public static double rms(float[] samples, double from, double to) {
        int a = (int) Math.max(0, Math.round(from * 48000));
        int b = (int) Math.min(samples.length, Math.round(to * 48000));
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += samples[i] * samples[i];
        }
        return b > a ? Math.sqrt(sum / (b - a)) : 0;
    }

    private static byte[] run(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-v", "error", "-nostdin"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed: " + cmd);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
