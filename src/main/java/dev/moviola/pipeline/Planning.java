package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.asset.AssetException;
import dev.moviola.asset.AssetResolver;
import dev.moviola.asset.Assets;
import dev.moviola.asset.Fetcher;
import dev.moviola.asset.Generator;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Movie;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Parsed;
import dev.moviola.movie.Problem;
import dev.moviola.net.SafeHttp;
import dev.moviola.plan.Fingerprints;
import dev.moviola.plan.MovieFingerprint;
import dev.moviola.plan.Output;
import dev.moviola.plan.PlanCompiler;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.TimingVariables;
import dev.moviola.render.VideoEncoding;
import dev.moviola.render.text.FontFingerprint;
import dev.moviola.template.Expansion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planning phase in two steps: {@link #prepare} makes the sources local, resolves timing variables and
 * computes the movie cache's key; {@link #plan} places everything on the timeline and fingerprints the scenes.
 * A movie-cache hit needs only the first.
 */
final class Planning {
    private final Settings settings;
    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final CacheStore store;

    /**
     * The one client every render of this pipeline downloads with (a connection pool), made on the first download:
     * creating it costs ~0.15 s (TLS set-up), which local-only renders skip. Guarded by this.
     */
    private SafeHttp http;

    /** What makes generated sources (voices), by kind. */
    private final Map<String, Generator> generators;

    Planning(Settings settings, Ffmpeg ffmpeg, MediaProbe probe, CacheStore store, Map<String, Generator> generators) {
        this.generators = Map.copyOf(generators);
        this.settings = settings;
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.store = store;
    }

    /**
     * A movie with its sources local, ready to plan.
     *
     * @param key the movie cache's key ({@link MovieFingerprint})
     */
    record Prepared(Movie movie, JsonNode resolved, Assets assets, List<Problem> readWarnings,
            Fingerprints.Tools tools, String key) {

        /** Whether a cached movie may be used: not when anything in it says {@code cache: false}. */
        boolean reuseMovie() {
            return movie.reusable();
        }
    }

    synchronized SafeHttp http() {
        if (http == null) {
            http = new SafeHttp(settings.access().policy(),
                    java.time.Duration.ofSeconds(Math.min(30, Math.max(1, settings.downloadTimeout().toSeconds()))));
        }
        return http;
    }

    Prepared prepare(Document document, Path baseDir, Path workDir, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Fetcher fetcher = new Fetcher(baseDir, workDir.resolve("downloads"), settings.downloadMaxBytes(),
                settings.downloadMaxTotalBytes(),
                settings.downloadTimeout(), store, settings.access(), this::http);
        Assets assets;
        try {
            assets = new AssetResolver(fetcher, probe, store, workDir, settings.limits().maxSourcePixels(), generators)
                    .resolve(document.draft().movie());
        } catch (AssetException e) {
            throw new RenderFailure(FailureCode.ASSET_FETCH_FAILED, e.getMessage(), e);
        }
        Expansion expansion = document.expansion();
        JsonNode resolved = expansion.document();
        Parsed parsed = document.draft();
        if (!expansion.deferred().isEmpty()) {
            resolved = TimingVariables.resolve(expansion, parsed.movie(), assets);
            parsed = new MovieReader(settings.limits(), settings.components()).read(resolved, expansion);
        }
        Movie movie = options.quality() == null ? parsed.movie() : parsed.movie().withQuality(options.quality());
        movie = options.cache() ? movie : movie.withoutCache();
        List<Problem> warnings = new ArrayList<>(expansion.warnings());
        warnings.addAll(parsed.warnings());
        Fingerprints.Tools tools = tools(PlanCompiler.output(movie));
        Map<String, String> sources = new TreeMap<>();
        assets.bySource().forEach((src, a) -> sources.put(src, a.sha256()));
        String key = MovieFingerprint.of(resolved, sources, tools, "quality " + options.quality() + ", " + settings.limits());
        return new Prepared(movie, resolved, assets, warnings, tools, key);
    }

    Compiled plan(Prepared p) throws InvalidMovieException {
        RenderPlan plan = new PlanCompiler(settings.limits()).compile(p.movie(), p.assets());
        return new Compiled(p.movie(), fingerprinted(plan, p), p.readWarnings(), p.resolved(), p.assets());
    }

    /** The plan with the fingerprints of what it is now (after its captions were transcribed, say). */
    RenderPlan fingerprinted(RenderPlan plan, Prepared p) {
        return plan.withFingerprints(Fingerprints.of(plan, p.tools(), p.key()));
    }

    /** What renders a movie besides the movie itself: it goes into every fingerprint. */
    private Fingerprints.Tools tools(Output output) {
        String encoder = String.join(" ", VideoEncoding.sceneArgs(output, Parallelism.threadsPerScene(settings)))
                + " | " + String.join(" ", VideoEncoding.losslessArgs())
                + " | " + String.join(" ", VideoEncoding.transitionArgs(output))
                + (settings.stillFrames() ? " | still " + String.join(" ", VideoEncoding.stillArgs(output)) : "");
        return new Fingerprints.Tools(ffmpeg.installation().version(), encoder, FontFingerprint.of(settings.fontDirs()));
    }
}
