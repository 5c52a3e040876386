package dev.moviola.pipeline;

import dev.moviola.movie.Element;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Scene;
import dev.moviola.movie.SubtitlesElement;
import dev.moviola.movie.TextElement;
import dev.moviola.render.text.FontCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The font families a movie names that are not installed here, found before anything renders, so that
 * {@code validate} warns about them as {@code render} does (render finds them only when it draws the text).
 */
final class FontCheck {
    private FontCheck() {
    }

    /** @param fonts the catalogue, asked for only when the movie names a family (scanning the system's fonts costs) */
    static List<Problem> missing(Movie movie, Supplier<FontCatalog> fonts) {
        List<Problem> out = new ArrayList<>();
        Stream.concat(movie.elements().stream(), movie.scenes().stream().map(Scene::elements).flatMap(List::stream))
                .forEach(e -> check(e, fonts, out));
        return out;
    }

    private static void check(Element e, Supplier<FontCatalog> fonts, List<Problem> out) {
        String family = null;
        String using = "using ";
        if (e instanceof TextElement t && t.settings().fontUrl() == null) {
            family = t.settings().fontFamily();
        } else if (e instanceof SubtitlesElement s && s.settings().fontUrl() == null) {
            family = s.settings().fontFamily();
            using = "the captions use ";
        }
        if (family != null && !fonts.get().has(family)) {
            out.add(Problem.warning(e.where().key("settings").at("font-family"), "font \"" + family
                    + "\" is not installed here; " + using + FontCatalog.DEFAULT_FAMILY
                    + " (add the font file to a font directory, or give its URL as font-url)"));
        }
    }
}
