package dev.moviola.render;

import dev.moviola.movie.TextElement;
import dev.moviola.movie.Visual;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The text styles this version draws, by code: the one place a new style's animation is registered (its code
 * goes into {@link TextElement#STYLES}, which the reader accepts; the unit test checks the two agree).
 */
final class TextStyles {
    /** 001: the text appears at once and stays still: one picture, decoded once and held. */
    static final TextAnimation STILL = (text, drawn, layer, c) -> {
        java.nio.file.Path png = c.file("png");
        ImageIO.write(drawn.image(), "png", png.toFile());
        LayerSource src = LayerSource.still(png, drawn.image().getWidth(), drawn.image().getHeight());
        Visual v = text.visual();
        // Drawn at its own size: the box was used to lay it out; resize and crop do not apply to text.
        Visual placed = new Visual(v.position(), v.x(), v.y(), null, null, v.resize(), null, v.flipHorizontal(),
                v.flipVertical(), v.opacity(), v.zIndex());
        return new Painted(src, placed, Painted.exact(drawn.x(), drawn.y(), src));
    };

    private static final Map<String, TextAnimation> BY_CODE = Map.of("001", STILL);

    private TextStyles() {
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
}
