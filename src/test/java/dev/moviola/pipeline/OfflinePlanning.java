package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.AudioElement;
import dev.moviola.movie.Element;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Movie;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Scene;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.VideoElement;
import dev.moviola.plan.Fingerprints;
import dev.moviola.plan.MovieFingerprint;
import dev.moviola.plan.PlanCompiler;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.TimingVariables;
import dev.moviola.template.Expansion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The planning phase as {@link Planning} runs it — timing variables resolved, the movie read again, the timeline
 * compiled, the movie and scenes fingerprinted — but with made-up media in place of fetched and probed sources:
 * a picture for an image's source, a 3 s video with sound for a video's, a 2 s sound for an audio's. This keeps
 * the fuzz tests free of network, files and ffmpeg (thousands of probes would take minutes) while every planning
 * rule still runs on whatever the fuzzed document says.
 */
final class OfflinePlanning {
    private static final Fingerprints.Tools TOOLS = new Fingerprints.Tools("ffmpeg-offline", "x264", "fonts");

    private OfflinePlanning() {
    }

    /**
     * The plan of a read document; empty when one source is used as two kinds of media (the real resolver refuses
     * that before planning, with the element's path, as a fetch failure).
     */
    static Optional<RenderPlan> plan(Document document, Limits limits) throws InvalidMovieException {
        Optional<Assets> assets = media(document.draft().movie());
        if (assets.isEmpty()) {
            return Optional.empty();
        }
        Expansion expansion = document.expansion();
        JsonNode resolved = expansion.document();
        Movie movie = document.draft().movie();
        if (!expansion.deferred().isEmpty()) {
            resolved = TimingVariables.resolve(expansion, movie, assets.get());
            movie = new MovieReader(limits).read(resolved, expansion).movie();
        }
        RenderPlan plan = new PlanCompiler(limits).compile(movie, assets.get());
        Map<String, String> sources = new TreeMap<>();
        assets.get().bySource().forEach((src, a) -> sources.put(src, a.sha256()));
        String key = MovieFingerprint.of(resolved, sources, TOOLS, "offline, " + limits);
        return Optional.of(plan.withFingerprints(Fingerprints.of(plan, TOOLS, key)));
    }

    private static Optional<Assets> media(Movie movie) {
        Map<String, Asset> out = new HashMap<>();
        Stream<Element> all = Stream.concat(Stream.concat(movie.preload().stream(), movie.elements().stream()),
                movie.scenes().stream().map(Scene::elements).flatMap(List::stream));
        for (Element e : (Iterable<Element>) all::iterator) {
            String src = source(e);
            if (src == null) {
                continue;
            }
            Asset a = new Asset(src, Path.of("offline"), info(e), Integer.toHexString(src.hashCode()), false);
            Asset before = out.putIfAbsent(src, a);
            if (before != null && !java.util.Objects.equals(before.info(), a.info())) {
                return Optional.empty();
            }
            String mask = e instanceof dev.moviola.movie.VisualElement v ? v.visual().effects().mask() : null;
            if (mask != null) {
                out.putIfAbsent(mask, new Asset(mask, Path.of("offline"), new MediaInfo("png_pipe", Double.NaN,
                        Double.NaN, Double.NaN, true, false, 64, 36, 0), Integer.toHexString(mask.hashCode()), false));
            }
        }
        return Optional.of(new Assets(out));
    }

    private static String source(Element e) {
        if (e instanceof ImageElement i) {
            return i.src();
        } else if (e instanceof VideoElement v) {
            return v.src();
        } else if (e instanceof AudioElement a) {
            return a.src();
        } else if (e instanceof TextElement t) {
            return t.settings().fontUrl();
        }
        return null;
    }

    private static MediaInfo info(Element e) {
        if (e instanceof ImageElement) {
            return new MediaInfo("png_pipe", Double.NaN, Double.NaN, Double.NaN, true, false, 64, 36, 0);
        } else if (e instanceof VideoElement) {
            return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 3, 3, 3, true, true, 64, 36, 0);
        } else if (e instanceof AudioElement) {
            return new MediaInfo("wav", 2, Double.NaN, 2, false, true, 0, 0, 0);
        }
        return null;
    }
}
