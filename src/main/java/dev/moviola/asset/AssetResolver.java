package dev.moviola.asset;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.asset.speech.TimedWord;
import dev.moviola.cache.CacheEntry;
import dev.moviola.movie.Canonical;
import dev.moviola.movie.Element;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Scene;
import dev.moviola.movie.Source;
import dev.moviola.movie.Source.Need;
import dev.moviola.movie.Sourced;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Makes every source of a movie local and probes the media among them, a few at a time. Each source is
 * checked against what its element needs (an image must be a picture, an audio must have sound), so a bad
 * source fails before any scene renders, with the element's path in the message.
 *
 * <p>What ffmpeg found in a file is kept in the element cache by the file's SHA-256 (and the ffmpeg that
 * looked), so a source seen before is not probed again; an element with {@code cache: false} is downloaded
 * and probed afresh.
 */
public final class AssetResolver {
    private static final int PARALLEL = 4;
    /** How long a stopped download may take to notice (its reads are not interruptible; they time out). */
    private static final long STOP_WAIT_SECONDS = 5;
    static final String PROBES = "probe";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Fetcher fetcher;
    private final MediaProbe probe;
    private final CacheStore cache;
    private final Path workDir;
    private final FileHashes hashes;
    private final long maxSourcePixels;
    /** What makes generated sources, by kind ({@code speech}). */
    private final Map<String, Generator> generators;

    /**
     * @param workDir         this render's own directory (cache lookups need one, even for entries without files)
     * @param maxSourcePixels the largest picture or video frame a source may have
     */
    public AssetResolver(Fetcher fetcher, MediaProbe probe, CacheStore cache, Path workDir, long maxSourcePixels) {
        this(fetcher, probe, cache, workDir, maxSourcePixels, Map.of());
    }

    /** @param generators what makes generated sources, by kind ({@link Source#kind()}) */
    public AssetResolver(Fetcher fetcher, MediaProbe probe, CacheStore cache, Path workDir, long maxSourcePixels,
            Map<String, Generator> generators) {
        this.generators = Map.copyOf(generators);
        this.maxSourcePixels = maxSourcePixels;
        this.fetcher = fetcher;
        this.probe = probe;
        this.cache = cache;
        this.workDir = workDir;
        this.hashes = new FileHashes(cache, workDir);
    }

    /**
     * @param fresh  an element using the source says {@code cache: false}
     * @param source what the element asked for (for a generated source: its kind and request)
     */
    private record Request(String src, String path, Need need, boolean fresh, Source source) {
    }

    public Assets resolve(Movie movie) throws AssetException, InterruptedException {
        Map<String, Request> requests = new LinkedHashMap<>();
        movie.preload().forEach(e -> collect(e, requests));
        movie.elements().forEach(e -> collect(e, requests));
        for (Scene s : movie.scenes()) {
            s.elements().forEach(e -> collect(e, requests));
        }
        if (requests.isEmpty()) {
            return Assets.NONE;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, requests.size()), r -> {
            Thread t = new Thread(r, "asset-resolver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Asset>> futures = new ArrayList<>();
            for (Request r : requests.values()) {
                futures.add(pool.submit(() -> resolve(r)));
            }
            // Every failure is reported at once (the author fixes them all in one go), so the others are waited for.
            Map<String, Asset> out = new LinkedHashMap<>();
            List<AssetException> failures = new ArrayList<>();
            for (Future<Asset> f : futures) {
                try {
                    Asset a = get(f);
                    out.put(a.src(), a);
                } catch (AssetException e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                throw AssetException.of(failures);
            }
            return new Assets(out);
        } finally {
            stop(pool);
        }
    }

    /**
     * Stops the downloads still running (one failed, or the render was cancelled) and waits a moment for them to
     * end, so that whoever removes the work directory next does not race a download still writing into it.
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void collect(Element e, Map<String, Request> requests) {
        if (e instanceof Sourced s) {
            for (Source source : s.sources()) {
                add(requests, new Request(source.src(), source.path(), source.need(), !e.cache(), source));
            }
        }
    }

    /** One request per source: the first element to use it names it; any element's cache:false makes it fresh. */
    private static void add(Map<String, Request> requests, Request r) {
        requests.merge(r.src, r, (first, later) -> later.fresh && !first.fresh
                ? new Request(first.src, first.path, first.need, true, first.source) : first);
    }

    private Asset resolve(Request r) throws AssetException, InterruptedException {
        List<TimedWord> words = List.of();
        Fetcher.Fetched fetched;
        if (r.source.isGenerated()) {
            CacheStore.Obtained made = generate(r);
            CacheEntry entry = made.entry();
            String name = entry.files().keySet().iterator().next();
            fetched = new Fetcher.Fetched(entry.file(name), made.hit(), entry.sha256().get(name));
            if (entry.meta().path("words").isArray()) { // a speech's; a picture has none
                words = JSON.convertValue(entry.meta().get("words"), WORDS);
            }
        } else {
            fetched = fetcher.fetch(r.src, r.path, r.fresh);
        }
        String hash = sha256(fetched, r);
        Path file = safelyNamed(fetched.file(), hash, r);
        if (r.need == Need.FILE) {
            return new Asset(r.src, file, null, hash, fetched.reused() && !r.fresh);
        }
        MediaInfo info;
        boolean reused = fetched.reused() && !r.fresh;
        try {
            info = r.need == Need.PICTURE ? PictureHeader.read(file).orElse(null) : null;
            if (info == null) {
                CacheStore.Obtained probed = probe(file, hash, r.fresh);
                info = JSON.treeToValue(probed.entry().meta(), MediaInfo.class);
                reused &= probed.hit();
            }
        } catch (FfmpegException e) {
            throw new AssetException(r.path, r.src, "cannot be decoded: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a cached probe of " + r.src + " is unreadable", e);
        }
        if ((r.need == Need.PICTURE || r.need == Need.VIDEO) && info.hasVideo() && (info.width() <= 0 || info.height() <= 0)) {
            throw new AssetException(r.path, r.src, "cannot be decoded: it has no picture size (the file is damaged "
                    + "or is not what its name says)");
        }
        long pixels = (long) info.width() * info.height();
        if ((r.need == Need.PICTURE || r.need == Need.VIDEO) && info.hasVideo() && pixels > maxSourcePixels) {
            throw new AssetException(r.path, r.src, String.format(Locale.ROOT, "is %dx%d pixels (%.1f MP), more than "
                    + "the %.1f MP a source may have (max-source-pixels); scale it down", info.width(), info.height(),
                    pixels / 1e6, maxSourcePixels / 1e6));
        }
        switch (r.need) {
            case PICTURE -> {
                if (!info.hasVideo()) {
                    throw new AssetException(r.path, r.src, "is not a picture (it has only sound); use an audio element");
                }
                if (!info.isPicture()) {
                    throw new AssetException(r.path, r.src, "is not a picture ffmpeg can read (it reads as \""
                            + info.format() + "\"); use JPEG, PNG, WebP, GIF, BMP or TIFF, or a video element for video");
                }
            }
            case VIDEO -> {
                if (!info.hasVideo()) {
                    throw new AssetException(r.path, r.src, "has no picture (it is a sound file); use an audio element");
                }
            }
            case SOUND -> {
                if (!info.hasAudio()) {
                    throw new AssetException(r.path, r.src, "has no sound");
                }
            }
            default -> {
            }
        }
        return new Asset(r.src, file, info, hash, reused, words);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<TimedWord>> WORDS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /**
     * A generated source from the element cache, or made by its generator (once, however many renders want it at
     * once). Its key is the kind, the request in canonical form and what the generator says decides its output.
     */
    private CacheStore.Obtained generate(Request r) throws AssetException, InterruptedException {
        Generator g = generators.get(r.source.kind());
        if (g == null) {
            throw new AssetException(r.path, r.src, "nothing here can make " + r.source.kind() + " sources");
        }
        try {
            String identity = g.identity(r.source.request());
            String key = Fetcher.sha256(r.source.kind() + "\n" + Canonical.text(r.source.request()) + "\n" + identity);
            Path into = workDir.resolve("generated").resolve(key);
            return cache.obtain(r.source.kind(), key, !r.fresh, into, cached -> {
                if (cached.isPresent()) {
                    return Optional.empty();
                }
                Path dir = java.nio.file.Files.createDirectories(workDir.resolve("generating").resolve(key));
                Generator.Generated made = g.generate(r.source.request(), dir);
                return Optional.of(Fresh.of(Map.of("made" + extensionOf(made.file()), made.file()), made.meta()));
            });
        } catch (Generator.GeneratorException e) {
            throw new AssetException(r.path, shortened(r), e.getMessage(), e.passing() ? e : null);
        } catch (AssetException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssetException(r.path, shortened(r), "could not be made: " + e.getMessage(), e);
        }
    }

    /** How a generated source is named in messages: its request's main text, shortened. */
    private static String shortened(Request r) {
        com.fasterxml.jackson.databind.JsonNode q = r.source.request();
        String text = q.path("text").asText(q.path("prompt").asText(q.path("html").asText(q.path("url").asText(r.src))));
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    /**
     * The source under a name made only of its hash and extension ({@link AssetRef#keyOf}), in this render's own
     * directory: a link to it (a copy where neither kind of link can be made). Names reach ffmpeg, which reads some as
     * patterns ({@code %d.png} is a frame-number sequence to its image reader); an author's file name must never
     * change what is read, in probing, scenes or sound alike.
     */
    private Path safelyNamed(Path file, String sha256, Request r) throws AssetException {
        Path named = workDir.resolve("sources").resolve(AssetRef.keyOf(sha256, file.getFileName().toString()));
        if (Files.exists(named)) {
            return named; // the same bytes under another source
        }
        try {
            Files.createDirectories(named.getParent());
            Path tmp = named.resolveSibling("." + named.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.createLink(tmp, file);
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.createSymbolicLink(tmp, file.toAbsolutePath());
                } catch (IOException | UnsupportedOperationException again) {
                    Files.copy(file, tmp);
                }
            }
            Files.move(tmp, named, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return named;
        } catch (IOException e) {
            throw new AssetException(r.path, r.src, "cannot be read: " + e.getMessage());
        }
    }

    /** What ffmpeg finds in the file, from the cache when these bytes were probed before by this ffmpeg. */
    private CacheStore.Obtained probe(Path file, String sha256, boolean fresh) throws FfmpegException, InterruptedException {
        String key = Fetcher.sha256(sha256 + "\n" + probe.identity());
        return cache.obtain(PROBES, key, !fresh, workDir.resolve("probes"), cached -> cached.isPresent()
                ? Optional.empty()
                : Optional.of(Fresh.of(Map.of(), JSON.valueToTree(probe.probe(file)))));
    }

    private String sha256(Fetcher.Fetched fetched, Request r) throws AssetException {
        if (fetched.sha256() != null) {
            return fetched.sha256();
        }
        try {
            return hashes.of(fetched.file(), r.fresh);
        } catch (java.io.IOException e) {
            throw new AssetException(r.path, r.src, "cannot be read: " + e.getMessage());
        }
    }

    private static Asset get(Future<Asset> f) throws AssetException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssetException a) {
                throw a;
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
