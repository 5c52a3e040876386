package dev.moviola.render;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.MediaProbe;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * An element's {@code mask} made ready for its layer: a greyscale picture of the layer's box whose value is how much
 * of the element shows. A mask with any transparency gives its transparency (opaque shows, transparent hides, whatever
 * its colours); a fully opaque mask gives its brightness (white shows, black hides, greys show in part). The mask is
 * stretched to the box, like a picture with {@code resize: "fill"}.
 */
final class MaskPicture {
    private MaskPicture() {
    }

    /** Writes the mask for a box of {@code width × height} to {@code target} (a greyscale PNG) and returns it. */
    static Path prepare(Path source, int width, int height, Path target, PaintContext c)
            throws IOException, FfmpegException, InterruptedException {
        BufferedImage in = ImageIO.read(source.toFile());
        if (in == null) {
            // A format Java can't read (WebP, TIFF…): ffmpeg turns its first frame into a PNG first.
            Path png = Path.of(target + ".src.png");
            List<String> args = new ArrayList<>(MediaProbe.sourceInputOptions());
            args.addAll(List.of("-i", MediaProbe.input(source), "-frames:v", "1", "-pix_fmt", "rgba", "-f", "image2",
                    "-c:v", "png", png.toString()));
            c.ffmpeg().run("prepare the mask " + source.getFileName(), args, c.timeout(), null);
            in = ImageIO.read(png.toFile());
            Files.deleteIfExists(png);
            if (in == null) {
                throw new IOException("the mask " + source.getFileName() + " could not be read as a picture");
            }
        }
        BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, width, height, null);
        g.dispose();
        boolean byAlpha = hasTransparency(in);
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int[] px = argb.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int a = p >>> 24;
            int v;
            if (byAlpha) {
                v = a;
            } else {
                // BT.709 luma of the (opaque) colour.
                v = (int) Math.round(0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff));
            }
            out[i] = (byte) Math.min(255, v);
        }
        ImageIO.write(grey, "png", target.toFile());
        return target;
    }

    /** Whether any pixel of the picture is less than opaque. */
    private static boolean hasTransparency(BufferedImage in) {
        if (!in.getColorModel().hasAlpha()) {
            return false;
        }
        int w = in.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < in.getHeight(); y++) {
            in.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                if (p >>> 24 != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }
}
