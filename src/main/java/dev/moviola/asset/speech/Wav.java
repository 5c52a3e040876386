package dev.moviola.asset.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit mono PCM WAV files: the local engine's output. */
final class Wav {
    private Wav() {
    }

    /** Samples and their rate. */
    record Pcm(short[] samples, int sampleRate) {
        double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    static void write(OutputStream out, short[] samples, int count, int sampleRate) throws IOException {
        int dataBytes = count * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < count; i++) {
            b.putShort(samples[i]);
        }
        out.write(b.array());
    }

    /** Reads a 16-bit mono PCM WAV file (as {@link #write} makes them). */
    static Pcm read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a WAV file");
        }
        int pos = 12;
        int sampleRate = 0;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(body + 2);
                sampleRate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    throw new IOException(file + ": expected 16-bit mono PCM, got " + channels + " channels of "
                            + bits + " bits");
                }
                int n = Math.min(size, b.limit() - body) / 2;
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getShort(body + 2 * i);
                }
                return new Pcm(s, sampleRate);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + " has no audio data");
    }
}
