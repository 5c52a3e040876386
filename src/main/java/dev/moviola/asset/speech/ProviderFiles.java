package dev.moviola.asset.speech;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the providers' clients share besides HTTP: reading {@code model-settings}, writing and naming audio. */
final class ProviderFiles {
    private ProviderFiles() {
    }

    /** Writes a provider's audio into a new file of {@code dir}. */
    static Path write(Path dir, String prefix, String extension, byte[] audio) throws SpeechException {
        Path out = null;
        try {
            Files.createDirectories(dir);
            out = Files.createTempFile(dir, prefix + "-", "." + extension);
            Files.write(out, audio);
            return out;
        } catch (IOException e) {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // the write failed already; that is what is reported
                }
            }
            throw new SpeechException("could not write the speech to " + dir + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * A WAV whose RIFF and {@code data} sizes are true: a provider that streams WAV writes its header before it
     * knows the length and puts 0xFFFFFFFF there (OpenAI does), which some readers take for 27 hours of sound.
     * Anything that is not such a WAV is returned as it is.
     */
    static byte[] fixWavSizes(byte[] wav) {
        if (wav.length < 12 || !ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
            return wav;
        }
        byte[] out = wav.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= out.length) {
            long size = b.getInt(at + 4) & 0xFFFFFFFFL;
            if (ascii(out, at, "data")) {
                long rest = out.length - at - 8L;
                if (size > rest) {
                    b.putInt(at + 4, (int) rest);
                }
                break;
            }
            at += 8 + (int) Math.min(out.length, size + (size & 1));
        }
        b.putInt(4, out.length - 8);
        return out;
    }

    /**
     * The extension of an audio file by its first bytes ({@code wav}, {@code mp3}, {@code flac}, {@code ogg},
     * {@code m4a}, {@code webm}), for services that tell the format by the uploaded file's name; empty when unknown.
     */
    static Optional<String> sniffExtension(byte[] head) {
        if (head.length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return Optional.of("wav");
        }
        if (head.length >= 3 && ascii(head, 0, "ID3")
                || head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of("mp3");
        }
        if (head.length >= 4 && ascii(head, 0, "fLaC")) {
            return Optional.of("flac");
        }
        if (head.length >= 4 && ascii(head, 0, "OggS")) {
            return Optional.of("ogg");
        }
        if (head.length >= 8 && ascii(head, 4, "ftyp")) {
            return Optional.of("m4a");
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
                && (head[3] & 0xFF) == 0xA3) {
            return Optional.of("webm");
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int at, String s) {
        return b.length >= at + s.length()
                && Arrays.equals(b, at, at + s.length(), s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }

    /** A text value of {@code model-settings}, or empty when not given; a non-text value is an error. */
    static Optional<String> text(JsonNode settings, String key) throws SpeechException {
        JsonNode v = settings == null ? null : settings.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new SpeechException("model-settings." + key + ": expected text, got " + v.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        String s = v.asText().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A number of {@code model-settings} within [min, max], or empty when not given. */
    static Optional<Double> number(JsonNode settings, String key, double min, double max) throws SpeechException {
        JsonNode v = settings == null ? null : settings.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual() && v.asText().trim().matches("[-+]?\\d+(\\.\\d+)?")) {
            d = Double.parseDouble(v.asText().trim());
        } else {
            throw new SpeechException("model-settings." + key + ": expected a number from " + plain(min) + " to "
                    + plain(max) + ", got " + v);
        }
        if (!(d >= min && d <= max)) {
            throw new SpeechException("model-settings." + key + ": expected a number from " + plain(min) + " to "
                    + plain(max) + ", got " + plain(d));
        }
        return Optional.of(d);
    }

    /** A true/false of {@code model-settings}, or empty when not given. */
    static Optional<Boolean> bool(JsonNode settings, String key) throws SpeechException {
        JsonNode v = settings == null ? null : settings.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(v.asBoolean());
        }
        throw new SpeechException("model-settings." + key + ": expected true or false, got " + v);
    }

    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
