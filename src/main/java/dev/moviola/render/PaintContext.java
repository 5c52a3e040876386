package dev.moviola.render;

import dev.moviola.asset.AssetRef;
import dev.moviola.asset.AssetStore;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.movie.Problem;
import dev.moviola.plan.Output;
import dev.moviola.render.text.FontCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a painter has while it paints one layer of one scene: the output, the sources, the fonts, ffmpeg, a file
 * name of its own for what it writes, and the scene's warnings to add to. Confined to the scene's thread.
 *
 * @param base     a path prefix no other layer of the scene uses ({@code …/scene_003_layer_2}); add an extension
 * @param warnings the scene's warnings (a text cut off, a font missing), reported with the render
 * @param sound    the movie's mixed sound, for a layer that draws it
 * @param sceneStartFrame the movie frame the scene starts at
 */
record PaintContext(Output output, AssetStore assets, Supplier<FontCatalog> fonts, Ffmpeg ffmpeg, Duration timeout,
        Path base, List<Problem> warnings, MovieSound sound, long sceneStartFrame) {

    /** A source of the layer as a local file. */
    Path file(AssetRef ref) throws IOException, InterruptedException {
        return assets.file(ref);
    }

    /** A file of this layer's own, named by what it holds ({@code png}, {@code loop.mkv}). */
    Path file(String suffix) {
        return Path.of(base + (suffix.startsWith(".") || suffix.startsWith("_") ? suffix : "." + suffix));
    }
}
