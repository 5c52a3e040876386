package dev.moviola.render.text;

import dev.moviola.movie.Problem;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A text element drawn: a transparent picture cropped to the pixels that carry ink (so compositing it costs
 * little) and where its top-left corner goes in the frame.
 *
 * @param image null when nothing is visible (empty text, no background)
 */
public record RasterText(BufferedImage image, int x, int y, List<Problem> warnings) {
    public RasterText {
        warnings = List.copyOf(warnings);
    }
}
