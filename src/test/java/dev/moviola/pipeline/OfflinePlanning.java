package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.Element;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Movie;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Scene;
import dev.moviola.movie.Source;
import dev.moviola.movie.Sourced;
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

    /** Made-up media for every source an element reads, by what the element needs it to be. */
    private static Optional<Assets> media(Movie movie) {
        Map<String, Asset> out = new HashMap<>();
        Stream<Element> all = Stream.concat(Stream.concat(movie.preload().stream(), movie.elements().stream()),
                movie.scenes().stream().map(Scene::elements).flatMap(List::stream));
        for (Element e : (Iterable<Element>) all::iterator) {
            if (!(e instanceof Sourced sourced)) {
                continue;
            }
            for (Source source : sourced.sources()) {
                MediaInfo info = info(source.need());
                Asset a = new Asset(source.src(), Path.of("offline"), info, Integer.toHexString(source.src().hashCode()),
                        false);
                Asset before = out.putIfAbsent(source.src(), a);
                if (before != null && !java.util.Objects.equals(before.info(), a.info())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Assets(out));
    }

    private static MediaInfo info(Source.Need need) {
        return switch (need) {
            case PICTURE -> new MediaInfo("png_pipe", Double.NaN, Double.NaN, Double.NaN, true, false, 64, 36, 0);
            case VIDEO -> new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 3, 3, 3, true, true, 64, 36, 0);
            case SOUND -> new MediaInfo("wav", 2, Double.NaN, 2, false, true, 0, 0, 0);
            case FILE -> null;
        };
    }
}
