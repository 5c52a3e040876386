package dev.moviola.asset;

import dev.moviola.ffmpeg.MediaInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the size of common still pictures (JPEG, PNG, BMP, one-frame GIF) from their headers, in-process.
 * Starting ffprobe costs 0.1 s or more per file on some systems; a header read costs about a millisecond.
 * Anything else (WebP, TIFF, animated GIFs, video) is left to ffprobe.
 */
final class PictureHeader {
    private PictureHeader() {
    }

    /** What a picture file holds, or empty when this reader can't tell (then ffprobe decides). */
    static Optional<MediaInfo> read(Path file) {
        String format = format(file);
        if (format == null) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                if (format.equals("gif") && reader.getNumImages(true) != 1) {
                    return Optional.empty();
                }
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new MediaInfo(format, Double.NaN, Double.NaN, Double.NaN, true, false, w, h,
                        format.equals("gif") ? 1 : 0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or unusual: ffprobe gives the authoritative answer and error
        }
    }

    /** ffmpeg's name for the file's format, from its first bytes, or null for formats read elsewhere. */
    private static String format(Path file) {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 8) < 8) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
            return "jpeg_pipe";
        }
        if ((head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "png_pipe";
        }
        if (head[0] == 'B' && head[1] == 'M') {
            return "bmp_pipe";
        }
        if (head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
            return "gif";
        }
        return null;
    }
}
