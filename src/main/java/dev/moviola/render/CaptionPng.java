package dev.moviola.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a transparent frame-sized picture as an 8-bit RGBA PNG, fast: a caption picture is mostly empty rows, which
 * a quick deflate packs as well as a thorough one, and ImageIO's writer (which tries every row filter at the highest
 * compression) spends most of a caption's drawing time on them.
 */
final class CaptionPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private CaptionPng() {
    }

    /** @param img a {@link BufferedImage#TYPE_INT_ARGB} picture */
    static void write(BufferedImage img, Path file) throws IOException {
        if (img.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("expected an ARGB picture");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(pixels, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 4 * w]; // filter type 0 (none), then RGBA
            for (int y = 0; y < h; y++) {
                for (int x = 0, b = 1, i = y * w; x < w; x++, b += 4, i++) {
                    int p = argb[i];
                    row[b] = (byte) (p >> 16);
                    row[b + 1] = (byte) (p >> 8);
                    row[b + 2] = (byte) p;
                    row[b + 3] = (byte) (p >>> 24);
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(header);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 6, 0, 0, 0}); // 8 bits, RGBA, deflate, no filter method beyond 0, not interlaced
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(SIGNATURE);
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", pixels.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        d.writeInt((int) crc.getValue());
        d.flush();
    }
}
