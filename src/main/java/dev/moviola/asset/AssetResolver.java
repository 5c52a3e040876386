package dev.moviola.asset;

import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.AudioElement;
import dev.moviola.movie.Element;
import dev.moviola.movie.ImageElement;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Scene;
import dev.moviola.movie.TextElement;
import dev.moviola.movie.VideoElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes every source of a movie local and probes the media among them, a few at a time. Each source is
 * checked against what its element needs (an image must be a picture, an audio must have sound), so a bad
 * source fails before any scene renders, with the element's path in the message.
 */
public final class AssetResolver {
    private static final int PARALLEL = 4;

    private final Fetcher fetcher;
    private final MediaProbe probe;

    public AssetResolver(Fetcher fetcher, MediaProbe probe) {
        this.fetcher = fetcher;
        this.probe = probe;
    }

    /** What one element needs from its source. */
    private enum Need { PICTURE, VIDEO, SOUND, FILE }

    private record Request(String src, String path, Need need) {
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
            Map<String, Asset> out = new LinkedHashMap<>();
            for (Future<Asset> f : futures) {
                Asset a = get(f);
                out.put(a.src(), a);
            }
            return new Assets(out);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void collect(Element e, Map<String, Request> requests) {
        if (e instanceof ImageElement i) {
            requests.putIfAbsent(i.src(), new Request(i.src(), i.where().at("src"), Need.PICTURE));
        } else if (e instanceof VideoElement v) {
            requests.putIfAbsent(v.src(), new Request(v.src(), v.where().at("src"), Need.VIDEO));
        } else if (e instanceof AudioElement a) {
            requests.putIfAbsent(a.src(), new Request(a.src(), a.where().at("src"), Need.SOUND));
        } else if (e instanceof TextElement t && t.settings().fontUrl() != null) {
            String url = t.settings().fontUrl();
            requests.putIfAbsent(url, new Request(url, t.where().key("settings").at("font-url"), Need.FILE));
        }
    }

    private Asset resolve(Request r) throws AssetException, InterruptedException {
        Path file = fetcher.fetch(r.src, r.path);
        String hash = sha256(file, r);
        if (r.need == Need.FILE) {
            return new Asset(r.src, file, null, hash);
        }
        MediaInfo info;
        try {
            info = r.need == Need.PICTURE ? PictureHeader.read(file).orElse(null) : null;
            if (info == null) {
                info = probe.probe(file);
            }
        } catch (FfmpegException e) {
            throw new AssetException(r.path, r.src, "cannot be decoded: " + e.getMessage());
        }
        if ((r.need == Need.PICTURE || r.need == Need.VIDEO) && info.hasVideo() && (info.width() <= 0 || info.height() <= 0)) {
            throw new AssetException(r.path, r.src, "cannot be decoded: it has no picture size (the file is damaged "
                    + "or is not what its name says)");
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
        return new Asset(r.src, file, info, hash);
    }

    private static String sha256(java.nio.file.Path file, Request r) throws AssetException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException e) {
            throw new AssetException(r.path, r.src, "cannot be read: " + e.getMessage());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
