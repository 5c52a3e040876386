package dev.moviola.render;

import dev.moviola.movie.TextElement;
import dev.moviola.movie.TextStyle;
import dev.moviola.movie.Visual;
import dev.moviola.render.text.TextRasterizer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The animation of each text style, made from its definition ({@link TextStyle#motion()}): a style without motion
 * is a still picture; the others are {@link MovingText}. Adding a style is a change to {@code text-styles.json}.
 */
final class TextStyles {
    /** 001: the text appears at once and stays still: one picture, decoded once and held. */
    static final TextAnimation STILL = (text, laid, layer, c) ->
            still(text, laid.drawAll(null), laid.canvasX(), laid.canvasY(), c);

    private static final Map<String, TextAnimation> BY_CODE = load();

    private TextStyles() {
    }

    private static Map<String, TextAnimation> load() {
        Map<String, TextAnimation> m = new LinkedHashMap<>();
        for (TextStyle s : TextStyle.all().values()) {
            m.put(s.code(), s.motion() == null ? STILL : new MovingText(TextMotion.parse(s.motion())));
        }
        return Map.copyOf(m);
    }

    /** The animation of a style the reader accepted. */
    static TextAnimation of(String code) {
        TextAnimation a = BY_CODE.get(code);
        if (a == null) {
            throw new IllegalStateException("text style " + code + " was accepted but has no animation");
        }
        return a;
    }

    /** The codes that have an animation. */
    static Set<String> codes() {
        return BY_CODE.keySet();
    }

    /**
     * A picture of the text, cropped to its ink, held still; {@code x, y}: where its top-left corner is in the frame.
     * Empty when it has no ink.
     */
    static List<Painted> still(TextElement text, BufferedImage picture, int x, int y, PaintContext c) throws IOException {
        Rectangle ink = TextRasterizer.inkBounds(picture);
        if (ink == null) {
            return List.of();
        }
        Rectangle r = evenAligned(ink, x, y);
        BufferedImage cropped;
        if (r.x >= 0 && r.y >= 0) {
            cropped = picture.getSubimage(r.x, r.y, r.width, r.height);
        } else {
            cropped = new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = cropped.createGraphics();
            g.drawImage(picture, -r.x, -r.y, null);
            g.dispose();
        }
        Path png = c.file("png");
        ImageIO.write(cropped, "png", png.toFile());
        LayerSource src = LayerSource.still(png, cropped.getWidth(), cropped.getHeight());
        return List.of(new Painted(src, placed(text), Painted.exact(x + r.x, y + r.y, src)));
    }

    /**
     * The rectangle widened by a pixel to the left and up where needed so that it lands on even frame coordinates
     * ({@code x, y}: where its picture's origin is): a picture's colour is halved in resolution (4:2:0) on its own
     * grid, so pictures of the same text on the same grid look the same, wherever their canvas started.
     */
    static Rectangle evenAligned(Rectangle r, int x, int y) {
        int dx = Math.floorMod(x + r.x, 2);
        int dy = Math.floorMod(y + r.y, 2);
        return new Rectangle(r.x - dx, r.y - dy, r.width + dx, r.height + dy);
    }

    /** The element's visual properties as they apply to its drawn text: the box laid it out; no resize or crop. */
    static Visual placed(TextElement text) {
        return text.visual().atOwnSize();
    }
}
