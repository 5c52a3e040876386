package dev.moviola.render;

import dev.moviola.movie.Position;
import dev.moviola.movie.Resize;
import dev.moviola.movie.Visual;

/**
 * Where a picture (image or video frame) lands in the frame: scale the (cropped) source to
 * {@code scaledWidth × scaledHeight}, keep the {@code width × height} window at {@code cropX, cropY} of that,
 * and draw it with its top-left corner at {@code x, y}.
 */
record Placement(int x, int y, int scaledWidth, int scaledHeight, int cropX, int cropY, int width, int height) {

    boolean cropsAfterScaling() {
        return width != scaledWidth || height != scaledHeight;
    }

    /**
     * @param sourceWidth  width of the source after the element's own {@code crop}
     * @param sourceHeight height of the source after the element's own {@code crop}
     */
    static Placement of(Visual v, int sourceWidth, int sourceHeight, int frameWidth, int frameHeight) {
        double aspect = (double) sourceWidth / sourceHeight;
        int boxW;
        int boxH;
        if (v.width() == null && v.height() == null) {
            boxW = frameWidth;
            boxH = frameHeight;
        } else if (v.height() == null) {
            boxW = v.width();
            boxH = Math.max(1, (int) Math.round(boxW / aspect));
        } else if (v.width() == null) {
            boxH = v.height();
            boxW = Math.max(1, (int) Math.round(boxH * aspect));
        } else {
            boxW = v.width();
            boxH = v.height();
        }
        int boxX = anchor(v.position().isPreset(), v.position().horizontal, frameWidth, boxW) + v.x();
        int boxY = anchor(v.position().isPreset(), v.position().vertical, frameHeight, boxH) + v.y();
        Resize resize = v.resize();
        if (resize == Resize.FILL) {
            return new Placement(boxX, boxY, boxW, boxH, 0, 0, boxW, boxH);
        }
        double sx = (double) boxW / sourceWidth;
        double sy = (double) boxH / sourceHeight;
        if (resize == Resize.COVER) {
            double s = Math.max(sx, sy);
            int w = Math.max(boxW, (int) Math.round(sourceWidth * s));
            int h = Math.max(boxH, (int) Math.round(sourceHeight * s));
            return new Placement(boxX, boxY, w, h, (w - boxW) / 2, (h - boxH) / 2, boxW, boxH);
        }
        double s = Math.min(sx, sy);
        int w = Math.max(1, Math.min(boxW, (int) Math.round(sourceWidth * s)));
        int h = Math.max(1, Math.min(boxH, (int) Math.round(sourceHeight * s)));
        return new Placement(boxX + (boxW - w) / 2, boxY + (boxH - h) / 2, w, h, 0, 0, w, h);
    }

    /** Left/top of a box: against the anchor with the preset margin, or 0 for custom positions. */
    static int anchor(boolean preset, double fraction, int frame, int box) {
        if (!preset) {
            return 0;
        }
        double margin = frame * Position.MARGIN;
        return (int) Math.round(margin + fraction * (frame - 2 * margin - box));
    }
}
