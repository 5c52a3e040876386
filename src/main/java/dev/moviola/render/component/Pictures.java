package dev.moviola.render.component;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads a component's picture (already fetched and checked by the asset resolver). */
final class Pictures {
    private Pictures() {
    }

    /** The picture, or null when there is none. */
    static BufferedImage read(Path file) {
        if (file == null) {
            return null;
        }
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException("not a picture Java can decode (use PNG or JPEG)");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the component's picture " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }
}
