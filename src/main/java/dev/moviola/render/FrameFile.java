package dev.moviola.render;

import dev.moviola.movie.Fps;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Frames drawn in Java2D (an animated text, a component) written as raw pictures with their transparency, which
 * ffmpeg reads without decoding: the moving part of a layer. Only the frames in which something moves are written;
 * the layer holds the last one for the rest of its time.
 *
 * <p>Draw each frame on {@link #canvas()} (cleared before every frame), then {@link #write()} it.
 */
final class FrameFile implements Closeable {
    private final Path file;
    private final BufferedImage canvas;
    private final byte[] pixels;
    private final OutputStream out;
    private long frames;

    FrameFile(Path file, int width, int height) throws IOException {
        this.file = file;
        this.canvas = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_4BYTE_ABGR);
        this.pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    /** The picture to draw the next frame on: transparent, {@code width × height}. */
    BufferedImage canvas() {
        return canvas;
    }

    /** A Java2D context on the canvas with the project's quality hints; dispose it after drawing. */
    Graphics2D graphics() {
        Graphics2D g = canvas.createGraphics();
        dev.moviola.render.text.TextRasterizer.hints(g);
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        return g;
    }

    /** Writes the canvas as the next frame and clears it. */
    void write() throws IOException {
        write(1);
    }

    /** Writes the canvas as the next {@code times} frames (a pause drawn once), then clears it. */
    void write(long times) throws IOException {
        for (long i = 0; i < times; i++) {
            out.write(pixels);
            frames++;
        }
        Arrays.fill(pixels, (byte) 0);
    }

    long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The frames as a layer's moving source: they play once, then the last one is held. */
    LayerSource source(Fps fps) {
        return new LayerSource(file, false, true, List.of("-protocol_whitelist", "file", "-format_whitelist",
                "rawvideo", "-f", "rawvideo", "-pixel_format", "abgr", "-video_size",
                canvas.getWidth() + "x" + canvas.getHeight(), "-framerate", fps.toString()),
                canvas.getWidth(), canvas.getHeight(), frames);
    }
}
