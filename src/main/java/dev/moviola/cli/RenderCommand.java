package dev.moviola.cli;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.CacheUse;
import dev.moviola.pipeline.Document;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Quality;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.QualityPreset;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.pipeline.RenderResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moviola render movie.json -o out.mp4}: one machine, no server. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a movie document into an MP4 file.%n"
                + "Exit codes: 0 done, 1 the render failed, 2 the document is invalid.")
final class RenderCommand implements Callable<Integer> {
    @Mixin
    DocumentOptions document;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the MP4 (default: MOVIE's name with .mp4, in the current directory)")
    Path output;

    @Option(names = "--quality", paramLabel = "LEVEL", description = "override the movie's quality: ${COMPLETION-CANDIDATES}")
    Quality quality;

    @Option(names = "--preset", paramLabel = "NAME", description = "scenes rendered at once: stable 2, balanced 3 "
            + "(default), fast 4, turbo 6, at most the cores; never more than the movie's scenes or the max-concurrency setting")
    QualityPreset preset = QualityPreset.BALANCED;

    @Option(names = "--concurrency", paramLabel = "N", description = "scenes rendered at once, 1-32 (instead of --preset)")
    Integer concurrency;

    @Option(names = "--keep-work", description = "keep the plan (plan.json) and the intermediate clips; prints where")
    boolean keepWork;

    @Option(names = "--no-cache", description = "render every scene afresh, as if the movie said \"cache\": false "
            + "(sources still come from the cache; the new result replaces the cached one)")
    boolean noCache;

    @Option(names = "--captions", description = "also write the movie's captions (subtitles) beside the output, as "
            + "an ASS file of the same name (out.mp4 → out.ass)")
    boolean captions;

    @Option(names = "--json", description = "print the result (or the error) as JSON on stdout")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar, even on a terminal")
    boolean noProgress;

    @Option(names = "--strict", description = "treat warnings (an unknown key, a font not installed) as errors: exit 2, render nothing")
    boolean strict;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (MovieFiles.isStdin(document.movie) && output == null) {
            throw new Main.UsageException("render -: a movie read from stdin needs -o FILE to say where to write the MP4");
        }
        Settings settings = common.settings();
        Document parsed;
        try {
            parsed = document.read(settings);
        } catch (InvalidMovieException e) {
            return Output.invalid(e, json);
        }
        List<Problem> cliWarnings = new ArrayList<>();
        if (!parsed.draft().movie().exports().isEmpty()) {
            cliWarnings.add(Problem.warning("exports", "exports are not delivered by \"moviola render\"; "
                    + "the file is written to the output path only"));
        }
        if (strict && !parsed.warnings().isEmpty()) { // before any ffmpeg is looked for
            return Output.strict(parsed.warnings(), json);
        }
        Path target = output != null ? output : Path.of(stripExtension(document.movie.getFileName().toString()) + ".mp4");
        Pipeline pipeline = new Pipeline(settings, new Ffmpeg(CommonOptions.locate(settings), ProcessObserver.NONE, settings.cpuLimit()));
        // What is known before rendering is said before rendering, above the progress bar, where it is seen.
        List<Problem> early = new ArrayList<>(cliWarnings);
        early.addAll(parsed.warnings());
        early.addAll(pipeline.stages().missingFonts(parsed.draft().movie()));
        if (strict && !early.isEmpty()) {
            return Output.strict(early, json);
        }
        Output.printWarnings(System.err, early);
        RenderResult result;
        boolean bar = !json && !noProgress && System.console() != null;
        try (ProgressBarListener listener = bar ? new ProgressBarListener("Rendering") : null) {
            if (concurrency != null && (concurrency < 1 || concurrency > 32)) {
                System.err.println("--concurrency must be 1 to 32, got " + concurrency);
                return 2;
            }
            result = pipeline.render(parsed, document.baseDir(), target,
                    new RenderOptions(quality, preset, concurrency, keepWork, !noCache, captions), "cli-" + java.util.UUID.randomUUID(),
                    listener == null ? ProgressListener.NONE : listener);
        } catch (InvalidMovieException e) {
            return Output.invalid(e, json);
        } catch (RenderFailure f) {
            return Output.failed(f, json);
        }
        List<Problem> warnings = new ArrayList<>(cliWarnings);
        warnings.addAll(result.warnings());
        if (captions && result.captions() == null) {
            warnings.add(Problem.warning("", "--captions: the movie has no subtitles element, so no captions were written"));
        }
        List<Problem> late = warnings.stream().filter(w -> !early.contains(w)).distinct().toList();
        if (strict && !late.isEmpty()) { // found while rendering (after timing variables resolved, say): no output
            java.nio.file.Files.deleteIfExists(result.output());
            if (result.captions() != null) {
                java.nio.file.Files.deleteIfExists(result.captions());
            }
            return Output.strict(late, json);
        }
        Output.printWarnings(System.err, late);
        warnings = new ArrayList<>(early);
        warnings.addAll(late);
        if (json) {
            System.out.println(Output.JSON.writeValueAsString(resultJson(result, warnings)));
        } else {
            System.err.printf(Locale.ROOT, "Rendered %s: %.2f s, %dx%d, %s in %.1f s (%s)%n", result.output(),
                    result.duration(), result.width(), result.height(), humanSize(result.size()),
                    result.timings().values().stream().mapToLong(Long::longValue).sum() / 1000.0, cacheLine(result.cache()));
        }
        return 0;
    }

    private static String cacheLine(CacheUse c) {
        if (c.movieHit()) {
            return "the same movie was rendered before: copied from the cache";
        }
        return String.format(Locale.ROOT, "%d of %d scenes from the cache", c.scenesHit(), c.scenesHit() + c.scenesRendered());
    }

    /** Keys in a fixed, readable order. */
    private static Map<String, Object> cacheJson(CacheUse c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("movie", c.movie());
        m.put("scenes", ordered("hit", c.scenesHit(), "rendered", c.scenesRendered()));
        m.put("transitions", ordered("hit", c.transitionsHit(), "rendered", c.transitionsRendered()));
        m.put("sound", c.soundHit() || c.movieHit() ? "hit" : "mixed");
        m.put("elements", ordered("hit", c.elementsHit(), "fetched", c.elementsFetched()));
        return m;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static Map<String, Object> resultJson(RenderResult r, List<Problem> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", r.output().toString());
        if (r.captions() != null) {
            m.put("captions", r.captions().toString());
        }
        m.put("duration", r.duration());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("size", r.size());
        m.put("scenes", r.scenes());
        m.put("workers", r.workers());
        m.put("timings", r.timings());
        m.put("cache", cacheJson(r.cache()));
        m.put("warnings", Output.problems(warnings));
        m.put("ffmpeg", Map.of("version", r.ffmpegVersion()));
        return m;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String humanSize(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
