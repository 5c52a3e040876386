package dev.moviola.pipeline;

import dev.moviola.asset.Asset;
import dev.moviola.asset.AssetStore;
import dev.moviola.asset.Assets;
import dev.moviola.asset.AssetException;
import dev.moviola.asset.Fetcher;
import dev.moviola.asset.Generator;
import dev.moviola.asset.html.HtmlGenerator;
import dev.moviola.asset.image.ImageGenerator;
import dev.moviola.asset.image.ImageProvider;
import dev.moviola.asset.speech.SpeechServices;
import dev.moviola.movie.HtmlElement;
import dev.moviola.movie.ImagePrompt;
import dev.moviola.movie.Movie;
import dev.moviola.movie.VoiceElement;
import dev.moviola.assemble.Assembler;
import dev.moviola.assemble.AudioMix;
import dev.moviola.assemble.Blends;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.FfmpegTimeoutException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.metrics.Meters;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.plan.AssExport;
import dev.moviola.plan.Captions;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.CaptionLayer;
import dev.moviola.render.CaptionTrack;
import dev.moviola.render.Clip;
import dev.moviola.render.SceneRenderException;
import dev.moviola.render.SceneRenderer;
import dev.moviola.render.text.FontCatalog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

/**
 * The stages of one render, in the order they run: {@link #plan} (make the sources local; find the movie in the
 * movie cache, or plan it) → {@link #scene} for each scene and {@link #sound}, in any order and at once →
 * {@link #transition} into each scene once both scenes it joins are done → {@link #assemble} (join, mux; made once
 * however many renders want the same movie) → publish, which is the runner's own (a file for the CLI, the job's
 * outputs for the service).
 *
 * <p>Stages hand each other files and plain data (the plan, clips), never shared state, and each uses the caches
 * (docs/format.md#caching), so a runner may run them in one process ({@link Pipeline}) or as durable tasks on any
 * machine that shares the job's files (the service's {@code RenderJob}). Thread-safe.
 */
public final class Stages implements AutoCloseable {
    static final String MOVIES = "movie";
    static final String OUTPUT = "output.mp4";
    static final String CAPTIONS = "captions.ass";

    private final Settings settings;
    private final MediaProbe probe;
    private final SceneRenderer scenes;
    private final AudioMix audio;
    private final Assembler assembler;
    private final Blends blends;
    private final CacheStore store;
    private final Planning planning;
    private final SpeechServices speech;
    /** Draws html elements; its browser starts on the first capture and ends with {@link #close}. */
    private final HtmlGenerator html;
    /** The fonts text and captions are drawn with, scanned once, when first needed. */
    private final Fonts fonts;

    /** Made on first use: loading fonts costs a scan of the system's, which renders without text never need. */
    private static final class Fonts implements java.util.function.Supplier<FontCatalog> {
        private final Settings settings;
        private FontCatalog catalog;

        Fonts(Settings settings) {
            this.settings = settings;
        }

        @Override
        public synchronized FontCatalog get() {
            if (catalog == null) {
                catalog = new FontCatalog(settings.fontDirs(), settings.cacheDir());
            }
            return catalog;
        }
    }

    /** The font families the movie names that are not installed here (warnings; render finds them as it draws). */
    public List<Problem> missingFonts(Movie movie) {
        return FontCheck.missing(movie, fonts);
    }

    /**
     * @param store the cache; renders that share one store (one per process and cache directory) make a scene or a
     *              movie they both need only once
     */
    public Stages(Settings settings, Ffmpeg ffmpeg, CacheStore store) {
        this.settings = settings;
        this.probe = new MediaProbe(ffmpeg);
        this.fonts = new Fonts(settings);
        this.scenes = new SceneRenderer(ffmpeg, fonts, settings.sceneTimeout(), settings.stillFrames());
        this.audio = new AudioMix(ffmpeg, settings.assembleTimeout());
        this.assembler = new Assembler(ffmpeg, settings.assembleTimeout());
        this.blends = new Blends(ffmpeg, settings.sceneTimeout());
        this.store = store;
        this.speech = SpeechServices.from(settings.providers(), ffmpeg);
        this.html = new HtmlGenerator(settings.browser(), settings.workDir(), this::http,
                settings.downloadMaxBytes(), settings.downloadMaxTotalBytes(), settings.downloadTimeout());
        this.planning = new Planning(settings, ffmpeg, probe, store, Map.of(VoiceElement.SPEECH, speech.voices(),
                ImagePrompt.KIND, ImageGenerator.from(settings.images(), settings.providers(), providerOutputs()),
                HtmlElement.KIND, html));
    }

    /** Ends what these stages keep running between renders (the browser that draws html elements). */
    @Override
    public void close() {
        html.close();
    }

    /**
     * How a provider's output URL is fetched: through the safe fetcher, under the address policy and the size and time
     * limits of any source's download.
     */
    private ImageProvider.Downloader providerOutputs() {
        Fetcher fetcher = new Fetcher(settings.workDir(), settings.workDir(), settings.downloadMaxBytes(),
                settings.downloadTimeout(), store, settings.access(), () -> planning.http());
        return (url, target) -> {
            try {
                fetcher.downloadTo(url, target, "output");
            } catch (AssetException e) {
                throw new Generator.GeneratorException("the provider's output could not be fetched: " + e.reason(),
                        false, e);
            }
        };
    }

    /** The safe HTTP client of sources, made when first needed. */
    private dev.moviola.net.SafeHttp http() {
        return planning.http();
    }

    Planning planning() {
        return planning;
    }

    /**
     * What planning found: the finished movie in the movie cache ({@code cached}), or a {@code plan} to render.
     *
     * @param assets       the movie's sources, made local
     * @param readWarnings warnings from reading and templating the document
     * @param reuseMovie   whether a cached movie may be used (no {@code cache: false} anywhere)
     */
    public record Planned(RenderPlan plan, CacheEntry cached, Assets assets, List<Problem> readWarnings,
            boolean reuseMovie) {
        public Planned {
            readWarnings = List.copyOf(readWarnings);
        }

        public boolean movieHit() {
            return cached != null;
        }

        /** Sources the element cache had. */
        public int elementsHit() {
            return (int) assets.bySource().values().stream().filter(Asset::reused).count();
        }

        /** Sources downloaded or probed now. */
        public int elementsFetched() {
            return assets.bySource().size() - elementsHit();
        }
    }

    /** A scene's clip, and whether it came from the scene cache. */
    public record SceneClip(Clip clip, boolean cached) {
    }

    /** A file a stage made (the sound, a transition's blended frames), and whether it came from the cache. */
    public record Made(Path file, boolean cached) {
    }

    /** The finished movie in the movie cache, and whether another render had made it. */
    public record Assembled(CacheEntry movie, boolean cached) {
        /** The movie file, linked into the assembly's directory. */
        public Path file() {
            return movieFile(movie);
        }
    }

    /** The movie file of a movie-cache entry ({@link Planned#cached()}, {@link Assembled#movie()}). */
    public static Path movieFile(CacheEntry movie) {
        return movie.file(OUTPUT);
    }

    /** The captions of a movie-cache entry as an ASS file, when the movie has captions. */
    public static Optional<Path> captionsFile(CacheEntry movie) {
        return Optional.ofNullable(movie.files().get(CAPTIONS));
    }

    /**
     * Makes a validated movie's sources local and plans the render, without rendering: what {@code moviola validate}
     * and the service's {@code POST /v1/validate} show. Its downloads go to a work directory of its own, deleted
     * when it returns (the cache keeps what was fetched, so a render that follows fetches nothing again). Its
     * warnings include the fonts the movie names that are not installed.
     *
     * @param baseDir relative source paths are resolved against it (the movie file's directory)
     */
    public Compiled compile(Document document, Path baseDir, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        Path workDir = WorkFiles.createWorkDir(settings.workDir());
        try {
            Compiled compiled = planning.plan(planning.prepare(document, baseDir, workDir, options));
            List<Problem> fonts = missingFonts(compiled.movie());
            if (fonts.isEmpty()) {
                return compiled;
            }
            List<Problem> warnings = new ArrayList<>(compiled.readWarnings());
            warnings.addAll(fonts);
            return new Compiled(compiled.movie(), compiled.plan(), warnings, compiled.resolved(), compiled.assets());
        } finally {
            WorkFiles.deleteRecursively(workDir);
        }
    }

    /**
     * Makes the sources local (into {@code workDir}) and looks the movie up in the movie cache; plans it when the
     * cache does not have it. The cached movie's files are linked into {@code workDir/movie}.
     *
     * @param baseDir relative source paths are resolved against it (the movie file's directory)
     */
    public Planned plan(Document document, Path baseDir, Path workDir, RenderOptions options)
            throws InvalidMovieException, RenderFailure, InterruptedException {
        long start = System.nanoTime();
        Planning.Prepared prepared = planning.prepare(document, baseDir, workDir, options);
        Optional<CacheEntry> cached = prepared.reuseMovie()
                ? store.get(MOVIES, prepared.key(), workDir.resolve("movie")) : Optional.empty();
        RenderPlan plan = cached.isPresent() ? null : planning.plan(prepared).plan();
        if (plan != null && plan.needsTranscription()) {
            plan = planning.fingerprinted(new Transcripts(store, speech).captioned(this, plan, prepared.assets(),
                    workDir.resolve("transcription")), prepared);
        }
        Planned planned = new Planned(plan, cached.orElse(null), prepared.assets(), prepared.readWarnings(),
                prepared.reuseMovie());
        Meters meters = Meters.current();
        if (prepared.reuseMovie()) {
            meters.cache(Meters.Layer.MOVIE, cached.isPresent() ? 1 : 0, cached.isPresent() ? 0 : 1);
        }
        meters.cache(Meters.Layer.ELEMENT, planned.elementsHit(), planned.elementsFetched());
        meters.phase("planning", System.nanoTime() - start);
        return planned;
    }

    /**
     * Scene {@code index}'s clip, from the scene cache or rendered into {@code dir}.
     *
     * @param assets   where the plan's sources are
     * @param progress hears the fraction of the scene's frames done; may be null
     */
    public SceneClip scene(RenderPlan plan, int index, AssetStore assets, Path dir, DoubleConsumer progress)
            throws RenderFailure, InterruptedException {
        ScenePlan scene = plan.scenes().get(index);
        int threads = Parallelism.threadsPerScene(settings);
        long start = System.nanoTime();
        try {
            SceneCache.Got<Clip> got = new SceneCache(store, plan).clip(scene, dir,
                    () -> scenes.render(scene, plan.output(), assets, dir, threads, progress,
                            () -> soundFor(plan, assets, dir, index)));
            Meters.current().scene(got.cached(), System.nanoTime() - start);
            Meters.current().cache(Meters.Layer.SCENE, got.cached() ? 1 : 0, got.cached() ? 0 : 1);
            return new SceneClip(got.value(), got.cached());
        } catch (SceneRenderException e) {
            throw failure(e);
        } catch (RenderFailure | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RenderFailure(FailureCode.SCENE_RENDER_FAILED, scene.label() + " failed: " + e.getMessage(), index,
                    scene.id(), e);
        }
    }

    /**
     * The movie's mixed sound for scene {@code index} to draw (an audiogram): the same cache entry the assembly uses,
     * made once however many ask at once.
     */
    private Path soundFor(RenderPlan plan, AssetStore assets, Path dir, int index)
            throws java.io.IOException, InterruptedException {
        try {
            return sound(plan, assets, dir.resolve(String.format(java.util.Locale.ROOT, "scene_%03d_sound", index)))
                    .file();
        } catch (RenderFailure e) {
            throw new java.io.IOException(e.getMessage(), e);
        }
    }

    /** The scenes whose clips the scene cache has now: progress counts them as done before their tasks run. */
    public List<Integer> cachedScenes(RenderPlan plan) {
        SceneCache cache = new SceneCache(store, plan);
        return plan.scenes().stream().filter(cache::has).map(ScenePlan::index).toList();
    }

    /** The movie's mixed sound, from the scene cache or mixed into {@code dir}. */
    public Made sound(RenderPlan plan, AssetStore assets, Path dir) throws RenderFailure, InterruptedException {
        long start = System.nanoTime();
        try {
            SceneCache.Got<Path> got = new SceneCache(store, plan).sound(dir, () -> {
                Files.createDirectories(dir);
                Path sound = dir.resolve("audio.m4a");
                audio.mix(plan, assets, dir, sound, null);
                return sound;
            });
            Meters.current().cache(Meters.Layer.SOUND, got.cached() ? 1 : 0, got.cached() ? 0 : 1);
            Meters.current().phase("sound", System.nanoTime() - start);
            return new Made(got.value(), got.cached());
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            String what = "mixing the sound failed: " + e.getMessage();
            throw new RenderFailure(e instanceof FfmpegTimeoutException ? FailureCode.RENDER_TIMEOUT
                    : FailureCode.ASSEMBLE_FAILED, what, e);
        }
    }

    /**
     * The blended frames from {@code before} into {@code after} (its scene has a transition), with the captions over
     * them, from the scene cache or rendered into {@code dir}.
     */
    public Made transition(RenderPlan plan, Clip before, Clip after, AssetStore assets, Path dir)
            throws RenderFailure, InterruptedException {
        int k = after.sceneIndex();
        ScenePlan scene = plan.scenes().get(k);
        Path target = dir.resolve(String.format(Locale.ROOT, "transition_%03d.mp4", k));
        try {
            SceneCache.Got<Path> got = new SceneCache(store, plan).transition(k, dir,
                    () -> blends.render(before.tail(), after.head(), scene.blendIn(), plan.output(),
                            captions(plan, scene, assets, dir), target));
            Meters.current().cache(Meters.Layer.TRANSITION, got.cached() ? 1 : 0, got.cached() ? 0 : 1);
            return new Made(got.value(), got.cached());
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RenderFailure(e instanceof FfmpegTimeoutException ? FailureCode.RENDER_TIMEOUT
                    : FailureCode.SCENE_RENDER_FAILED, "the transition into " + scene.label() + " failed: "
                    + e.getMessage(), k, scene.id(), e);
        }
    }

    /** The captions over the frames that blend into {@code scene}, drawn into {@code dir}; null when none show there. */
    private CaptionLayer captions(RenderPlan plan, ScenePlan scene, AssetStore assets, Path dir)
            throws java.io.IOException, InterruptedException {
        if (scene.captions() == null) {
            return null;
        }
        long from = scene.startFrame();
        long to = from + scene.headFrames();
        Captions shown = scene.captions().between(plan.output().fps().timeOf(from), plan.output().fps().timeOf(to));
        if (shown.cues().isEmpty()) {
            return null;
        }
        return CaptionTrack.draw(shown, plan.output(), from, to, fonts.get(), shown.font() == null ? null
                : assets.file(shown.font()), dir.resolve(String.format(Locale.ROOT, "transition_%03d_captions", scene.index())));
    }

    /** Every transition of the movie (null for a cut), blended on up to {@code workers} threads at once. */
    public List<Made> transitions(RenderPlan plan, List<Clip> clips, AssetStore assets, Path dir, int workers)
            throws RenderFailure, InterruptedException {
        Made[] out = new Made[clips.size()];
        List<Integer> blended = new ArrayList<>();
        List<Callable<Made>> tasks = new ArrayList<>();
        for (int k = 1; k < clips.size(); k++) {
            if (plan.scenes().get(k).blendIn() != null) {
                Clip before = clips.get(k - 1);
                Clip after = clips.get(k);
                blended.add(k);
                tasks.add(() -> transition(plan, before, after, assets, dir));
            }
        }
        if (tasks.isEmpty()) {
            return Arrays.asList(out);
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, tasks.size())), r -> {
            Thread t = new Thread(r, "transition");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Made>> done = new ArrayList<>();
            tasks.forEach(t -> done.add(pool.submit(t)));
            for (int i = 0; i < done.size(); i++) {
                out[blended.get(i)] = done.get(i).get();
            }
            Meters.current().phase("transitions", System.nanoTime() - start);
            return Arrays.asList(out);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            SceneTasks.stop(pool);
        }
    }

    /**
     * Joins the clips, the transitions and the sound into the movie, stored in the movie cache under the plan's
     * fingerprint; taken from there instead when another render made the same movie meanwhile (and the plan allows
     * reusing it). Work files go into {@code dir}.
     *
     * @param transitions the blended frames into each scene, null for a cut
     * @param workers     how many scenes rendered at once, which the movie's figures report
     */
    public Assembled assemble(RenderPlan plan, List<Clip> clips, List<Path> transitions, Path sound, int workers,
            Path dir) throws RenderFailure, InterruptedException {
        long start = System.nanoTime();
        try {
            Files.createDirectories(dir);
            CacheStore.Obtained got = store.obtain(MOVIES, plan.fingerprints().movie(), plan.reuseMovie(),
                    dir.resolve("movie"), cached -> {
                        if (cached.isPresent()) {
                            return Optional.empty();
                        }
                        Path partial = dir.resolve(OUTPUT);
                        join(plan, clips, transitions, sound, dir, partial);
                        Map<String, Path> files = new java.util.HashMap<>(Map.of(OUTPUT, partial));
                        Captions captions = plan.allCaptions();
                        if (captions != null) {
                            Path ass = dir.resolve(CAPTIONS);
                            Files.writeString(ass, AssExport.write(captions, plan.output().width(), plan.output().height()),
                                    java.nio.charset.StandardCharsets.UTF_8);
                            files.put(CAPTIONS, ass);
                        }
                        return Optional.of(Fresh.of(files, movieMeta(plan, probeOutput(partial), partial, workers, clips)));
                    });
            Meters.current().phase("assembling", System.nanoTime() - start);
            return new Assembled(got.entry(), got.hit());
        } catch (RenderFailure | InterruptedException | RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "cannot write the work files: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure while assembling", e);
        }
    }

    /** Joins the clips, the blended transitions and the sound into {@code partial} (removed when it fails). */
    private void join(RenderPlan plan, List<Clip> clips, List<Path> transitions, Path sound, Path dir, Path partial)
            throws RenderFailure, InterruptedException {
        try {
            try {
                assembler.join(plan, clips, transitions, sound, dir, partial);
            } catch (FfmpegException | IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        } catch (FfmpegTimeoutException e) {
            throw new RenderFailure(FailureCode.RENDER_TIMEOUT, "assembly: " + e.getMessage(), e);
        } catch (FfmpegException | IOException e) {
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "assembly failed: " + e.getMessage(), e);
        }
    }

    private MediaInfo probeOutput(Path partial) throws RenderFailure, InterruptedException {
        try {
            return probe.probe(partial);
        } catch (FfmpegException e) {
            WorkFiles.deleteQuietly(partial);
            throw new RenderFailure(FailureCode.ASSEMBLE_FAILED, "the assembled movie is unreadable: " + e.getMessage(), e);
        }
    }

    /** What the movie cache keeps beside the movie: its figures, and the plan's and the scenes' warnings. */
    private static ObjectNode movieMeta(RenderPlan plan, MediaInfo info, Path movie, int workers, List<Clip> clips)
            throws IOException {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("duration", plan.duration())
                .put("scenes", plan.scenes().size()).put("width", info.width()).put("height", info.height())
                .put("size", Files.size(movie)).put("workers", workers);
        // The plan's warnings and the scenes': a movie-cache hit reports them without planning.
        ArrayNode warnings = meta.putArray("warnings");
        plan.warnings().forEach(w -> warnings.addObject().put("path", w.path()).put("message", w.message()));
        clips.forEach(c -> c.warnings().forEach(w -> warnings.addObject().put("path", w.path())
                .put("message", w.message())));
        return meta;
    }

    /** A scene that failed, as the render reports it (naming the scene). */
    static RenderFailure failure(SceneRenderException s) {
        return new RenderFailure(s.timedOut() ? FailureCode.RENDER_TIMEOUT : FailureCode.SCENE_RENDER_FAILED,
                s.getMessage(), s.sceneIndex(), s.sceneId(), s);
    }

    /** The failure inside a stage run on a pool, to throw. */
    static RenderFailure unwrap(ExecutionException e) throws InterruptedException {
        Throwable cause = e.getCause();
        if (cause instanceof RenderFailure f) {
            return f;
        }
        if (cause instanceof InterruptedException i) {
            throw i;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        throw new IllegalStateException(cause);
    }
}
