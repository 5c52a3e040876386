import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegInstallation;
import dev.moviola.ffmpeg.FfmpegLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Render benchmark (issues: scene-parallel pipeline; still runs encoded once). Three workloads at 1920x1080, 30 fps:
 *   W1 — 10 scenes x 5 s, each a full-frame photo-like JPEG + a 90 px title at top-left, 50 s of music at 0.4;
 *   W2 — the same with a 0.5 s fade at the start of scenes 2-10;
 *   W3 — W1's photos with an animated title in each scene (a different text style per scene).
 * Each is rendered, interleaved, by Moviola, by Moviola giving every frame to x264 (still-frames=false), by one
 * hand-written ffmpeg command producing the same video (W1, W2: each image decoded once, the title drawn once, the
 * frame looped, concat or an xfade chain; none draws W3's text styles), and by an encode-only floor (one image
 * decoded once, its frame repeated, x264 only) — all with Moviola's x264 preset and CRF for the quality. Prints
 * medians, ratios, file sizes, Moviola's phase timings and the peak RSS of each process tree.
 *
 * Run with bench/render.sh [runs] [quality]; bench/cache.sh and bench/text-styles.sh run its other workloads.
 */
public class RenderBench {
    static final int SCENES = 10;
    static final int SECONDS = 5;
    static final int FPS = 30;

    static Path work;
    static String ffmpeg;

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the in-process renders: no phase lines
        boolean cache = args.length > 0 && args[0].equals("cache");
        boolean styles = args.length > 0 && args[0].equals("styles");
        boolean motion = args.length > 0 && args[0].equals("motion");
        if (cache || styles || motion) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String quality = args.length > 1 ? args[1] : "high";
        Path repo = Path.of("").toAbsolutePath();
        work = Files.createDirectories(repo.resolve("target/bench"));
        Settings settings = Settings.fromEnvironment();
        FfmpegInstallation install = FfmpegLocator.locate(settings.ffmpeg(), settings.ffprobe(), settings.cacheDir());
        ffmpeg = install.ffmpeg().toString();
        String preset = Map.of("high", "medium", "medium", "veryfast", "low", "ultrafast").get(quality);
        String crf = Map.of("high", "20", "medium", "23", "low", "28").get(quality);
        System.out.printf(Locale.ROOT, "ffmpeg %s (%s), %d cores, quality %s = x264 %s CRF %s, %d runs each%n",
                install.version(), install.origin(), Runtime.getRuntime().availableProcessors(), quality, preset, crf, runs);
        assets(repo);
        if (cache) {
            cacheBench(repo, runs, quality, preset, crf);
            return;
        }
        if (styles) {
            stylesBench(repo, runs, quality);
            return;
        }
        if (motion) {
            motionBench(repo, runs, quality, preset, crf);
            return;
        }

        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, List<Map<String, Long>>> phases = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String w : List.of("W1", "W2", "W3")) {
                boolean fades = w.equals("W2");
                Path movie = w.equals("W3") ? styledMovie(true) : movie(fades);
                // --no-cache: every run renders every scene (sources and probes still come from the cache).
                Path out = work.resolve(w + "-moviola.mp4");
                measure(times, rss, w + " moviola", moviola(repo, movie, out, quality, "--no-cache"),
                        json -> phases.computeIfAbsent(w, k -> new ArrayList<>()).add(timings(json)));
                sizes.put(w + " moviola", Files.size(out));
                // The same render with every frame given to x264 (still-frames=false), as before issue 23.
                Path x264 = work.resolve(w + "-moviola-x264.mp4");
                List<String> all = new ArrayList<>(List.of("env", "MOVIOLA_STILL_FRAMES=false"));
                all.addAll(moviola(repo, movie, x264, quality, "--no-cache"));
                measure(times, rss, w + " every frame", all, null);
                sizes.put(w + " every frame", Files.size(x264));
                if (!w.equals("W3")) { // no hand-written command draws the animated text styles
                    measure(times, rss, w + " ffmpeg", handWritten(fades, preset, crf, repo), null);
                }
                measure(times, rss, w + " floor", floor(fades, preset, crf), null);
            }
        }
        printTable(times, rss);
        System.out.println();
        for (String w : List.of("W1", "W2", "W3")) {
            double m = median(times.get(w + " moviola"));
            System.out.printf(Locale.ROOT, "%s: Moviola / %s = %.2f   Moviola / floor = %.2f   Moviola / every frame"
                    + " to x264 = %.2f   size %.2f MB / %.2f MB (%+.1f %%)%n", w,
                    w.equals("W3") ? "hand-written ffmpeg (none)" : "hand-written ffmpeg",
                    w.equals("W3") ? Double.NaN : m / median(times.get(w + " ffmpeg")),
                    m / median(times.get(w + " floor")), m / median(times.get(w + " every frame")),
                    sizes.get(w + " moviola") / 1e6, sizes.get(w + " every frame") / 1e6,
                    100.0 * sizes.get(w + " moviola") / sizes.get(w + " every frame") - 100);
            Map<String, Long> p = medianPhases(phases.get(w));
            long total = p.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder sb = new StringBuilder();
            p.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.2f s (%.0f%%)", k, v / 1000.0, 100.0 * v / total)));
            System.out.println("    Moviola phases (median):" + sb);
        }
        System.out.printf(Locale.ROOT, "peak RSS of Moviola's process tree on W1 and W2: %d MB (target <= 600 MB)%n",
                List.of("W1", "W2").stream().mapToLong(w -> rss.get(w + " moviola")).max().orElse(0) / 1024);
    }

    /**
     * The caches (issue: three cache layers): W1 cold (empty cache), repeated unchanged, and with the title of
     * scene 7 edited; against the encode-only floor of the whole movie and of one scene. "After start-up" is
     * the sum of the phase timings Moviola reports, i.e. without the JVM start and locating ffmpeg.
     */
    static void cacheBench(Path repo, int runs, String quality, String preset, String crf) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, List<Double>> inside = new LinkedHashMap<>();
        Map<String, String> cacheUse = new LinkedHashMap<>();
        Path movie = movie(false);
        Path edited = work.resolve("w1-edited.json");
        Files.writeString(edited, Files.readString(movie).replace("\"Room 7\"", "\"Room 7, renovated\""));
        Path cacheDir = work.resolve("cache-bench");
        for (int run = 0; run < runs; run++) {
            deleteRecursively(cacheDir);
            for (String step : List.of("cold", "repeat", "edit")) {
                Path doc = step.equals("edit") ? edited : movie;
                measure(times, rss, step, moviola(repo, doc, work.resolve("cache-" + step + ".mp4"), quality,
                        "--cache-dir", cacheDir.toString()), out -> {
                            inside.computeIfAbsent(step, k -> new ArrayList<>())
                                    .add(timings(out).values().stream().mapToLong(Long::longValue).sum() / 1000.0);
                            Matcher m = Pattern.compile("\"cache\"\\s*:\\s*(\\{.*?\"elements\".*?\\})\\s*\\}", Pattern.DOTALL).matcher(out);
                            cacheUse.put(step, m.find() ? m.group(1).replaceAll("\\s+", " ") : "?");
                        });
            }
            measure(times, rss, "floor movie", floor(false, preset, crf), null);
            measure(times, rss, "floor scene", floorFrames(SECONDS * FPS, preset, crf), null);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %18s%n", "", "median s", "min s", "after start-up s");
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            List<Double> t = new ArrayList<>(e.getValue());
            Collections.sort(t);
            List<Double> in = inside.get(e.getKey());
            System.out.printf(Locale.ROOT, "%-12s %9.2f %9.2f %18s%n", e.getKey(), median(t), t.get(0),
                    in == null ? "" : String.format(Locale.ROOT, "%.3f", median(in)));
        }
        // The service keeps one JVM: there a repeat costs what the pipeline does, not class loading.
        List<Double> warm = new ArrayList<>();
        Settings settings = Settings.load(java.util.Map.of("cache-dir", cacheDir.toString()), System.getenv());
        dev.moviola.pipeline.Pipeline pipeline = new dev.moviola.pipeline.Pipeline(settings,
                new dev.moviola.ffmpeg.Ffmpeg(FfmpegLocator.locate(settings.ffmpeg(), settings.ffprobe(), cacheDir),
                        dev.moviola.ffmpeg.ProcessObserver.NONE));
        dev.moviola.pipeline.RenderOptions options = new dev.moviola.pipeline.RenderOptions(
                dev.moviola.movie.Quality.valueOf(quality.toUpperCase(Locale.ROOT)), null, null, false, true);
        for (int i = 0; i < 6; i++) {
            var doc = dev.moviola.pipeline.Pipeline.read(Files.readString(movie), settings);
            long t0 = System.nanoTime();
            var r = pipeline.render(doc, work, work.resolve("cache-warm.mp4"), options, dev.moviola.pipeline.ProgressListener.NONE);
            if (i > 0) {
                warm.add((System.nanoTime() - t0) / 1e6);
            }
            if (!r.cache().movieHit()) {
                throw new IllegalStateException("expected a movie-cache hit");
            }
        }
        System.out.println();
        cacheUse.forEach((k, v) -> System.out.println(k + ": cache " + v));
        System.out.printf(Locale.ROOT, "repeat in a warm JVM (as in the service): median %.0f ms over %d renders%n",
                median(warm), warm.size());
        double cold = median(times.get("cold"));
        double repeat = median(times.get("repeat"));
        double edit = median(times.get("edit"));
        System.out.printf(Locale.ROOT, "%nrepeat / cold = %.3f   repeat after start-up = %.0f ms%n", repeat / cold,
                1000 * median(inside.get("repeat")));
        System.out.printf(Locale.ROOT, "edit / cold = %.2f   edit / floor of one scene = %.2f   cold / floor of the movie = %.2f%n",
                edit / cold, edit / median(times.get("floor scene")), cold / median(times.get("floor movie")));
    }

    static void printTable(Map<String, List<Double>> times, Map<String, Long> rss) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s%n", "", "median s", "min s", "max s", "peak RSS");
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            List<Double> t = new ArrayList<>(e.getValue());
            Collections.sort(t);
            System.out.printf(Locale.ROOT, "%-12s %9.2f %9.2f %9.2f %6d MB%n", e.getKey(), median(t), t.get(0),
                    t.get(t.size() - 1), rss.get(e.getKey()) / 1024);
        }
    }

    /** Animated text styles, one per scene. */
    static final List<String> ANIMATED = List.of("003", "004", "005", "006", "007", "008", "009", "012", "013", "002");

    /**
     * Text styles (issue 18): W3 = W1 with each scene's title in an animated style (a different one per scene),
     * against the same movie with every title in style 001, interleaved. Target: W3 / W3-static at most 1.3.
     */
    static void stylesBench(Path repo, int runs, String quality) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Path animated = styledMovie(true);
        Path still = styledMovie(false);
        for (int run = 0; run < runs; run++) {
            measure(times, rss, "W3 001", moviola(repo, still, work.resolve("w3-001.mp4"), quality, "--no-cache"), null);
            measure(times, rss, "W3 animated", moviola(repo, animated, work.resolve("w3-animated.mp4"), quality,
                    "--no-cache"), null);
        }
        printTable(times, rss);
        System.out.printf(Locale.ROOT, "%nW3: animated titles / the same titles in style 001 = %.2f (target <= 1.30)%n",
                median(times.get("W3 animated")) / median(times.get("W3 001")));
    }

    /**
     * Motion (issue 19): W4 = 10 x 5 s 1080p photo scenes, alternately zooming in (to 130 %) and panning right (10 %
     * of the box), each with a title, over music; against one hand-written ffmpeg command making the same video with
     * zoompan (the usual way, which moves in whole pixels), interleaved. Target: W4 Moviola / ffmpeg at most 1.
     */
    static void motionBench(Path repo, int runs, String quality, String preset, String crf) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        StringBuilder scenes = new StringBuilder();
        for (int i = 0; i < SCENES; i++) {
            scenes.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"duration": %d, "elements": [{"type": "image", "src": "photo%d.jpg", %s},
                      {"type": "text", "text": "Room %d", "position": "top-left",
                       "settings": {"font-size": "90px", "font-weight": "bold"}}]}""", SECONDS, i,
                    i % 2 == 0 ? "\"zoom\": 3" : "\"pan\": \"right\", \"pan-distance\": 0.1", i + 1));
        }
        Path movie = work.resolve("w4.json");
        Files.writeString(movie, String.format(Locale.ROOT, """
                {"resolution": "full-hd", "fps": %d,
                 "elements": [{"type": "audio", "src": "music.m4a", "volume": 0.4}],
                 "scenes": [%s]}""", FPS, scenes));
        for (int run = 0; run < runs; run++) {
            measure(times, rss, "W4 moviola", moviola(repo, movie, work.resolve("w4-moviola.mp4"), quality, "--no-cache"),
                    null);
            measure(times, rss, "W4 ffmpeg", handWrittenMotion(preset, crf, false), null);
            measure(times, rss, "W4 ffmpeg-smooth", handWrittenMotion(preset, crf, true), null);
        }
        printTable(times, rss);
        double m = median(times.get("W4 moviola"));
        System.out.printf(Locale.ROOT, "%nW4: Moviola / hand-written ffmpeg with zoompan (whole-pixel steps) = %.2f"
                + " (target <= 1.00)%n    Moviola / hand-written ffmpeg with a sub-pixel perspective window = %.2f%n",
                m / median(times.get("W4 ffmpeg")), m / median(times.get("W4 ffmpeg-smooth")));
    }

    /**
     * W4 as one ffmpeg command: zoompan for the zooms and the pans (or, {@code smooth}, the same sub-pixel
     * perspective window Moviola uses), drawtext, concat, the music.
     */
    static List<String> handWrittenMotion(String preset, String crf, boolean smooth) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y"));
        for (int i = 0; i < SCENES; i++) {
            cmd.addAll(List.of("-i", work.resolve("photo" + i + ".jpg").toString()));
        }
        cmd.addAll(List.of("-i", work.resolve("music.m4a").toString()));
        StringBuilder g = new StringBuilder();
        int frames = SECONDS * FPS;
        for (int i = 0; i < SCENES; i++) {
            String motion;
            if (smooth) {
                // The window's half size and centre as functions of the frame number (perspective counts from 1).
                String p = String.format(Locale.ROOT, "((in-1)/%d)", frames - 1);
                String hw = i % 2 == 0 ? "(960/(1+0.3*" + p + "))" : "(960*0.9)";
                String hh = i % 2 == 0 ? "(540/(1+0.3*" + p + "))" : "(540*0.9)";
                String cx = i % 2 == 0 ? "960" : "(960+192*(" + p + "-0.5))";
                motion = String.format(Locale.ROOT, "format=yuv420p,loop=loop=%d:size=1,setpts=N/%d/TB,perspective="
                        + "x0='%s-%s':y0='540-%s':x1='%s+%s':y1='540-%s':x2='%s-%s':y2='540+%s':x3='%s+%s':y3='540+%s'"
                        + ":interpolation=linear:sense=source:eval=frame", frames - 1, FPS, cx, hw, hh, cx, hw, hh, cx, hw,
                        hh, cx, hw, hh);
            } else {
                motion = (i % 2 == 0
                        ? String.format(Locale.ROOT, "zoompan=z='1+0.3*on/%d':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2'",
                                frames - 1)
                        : String.format(Locale.ROOT, "zoompan=z='1/0.9':x='(iw-iw/zoom)*on/%d':y='(ih-ih/zoom)/2'",
                                frames - 1))
                        + String.format(Locale.ROOT, ":d=%d:s=1920x1080:fps=%d", frames, FPS);
            }
            g.append(String.format(Locale.ROOT, "[%d:v]scale=1920:1080,%s,drawtext=fontfile=%s:"
                    + "text='Room %d':fontsize=90:fontcolor=white:x=96:y=54,format=yuv420p[v%d];",
                    i, motion, work.resolve("Inter-Bold.otf"), i + 1, i));
        }
        for (int i = 0; i < SCENES; i++) {
            g.append("[v").append(i).append(']');
        }
        g.append("concat=n=").append(SCENES).append(":v=1:a=0[v];");
        g.append(String.format(Locale.ROOT, "[%d:a]volume=0.4,atrim=0:%d[a]", SCENES, SCENES * SECONDS));
        cmd.addAll(List.of("-filter_complex", g.toString(), "-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", preset, "-crf", crf, "-pix_fmt", "yuv420p", "-r", Integer.toString(FPS),
                "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", work.resolve("hand-motion.mp4").toString()));
        return cmd;
    }

    static Path styledMovie(boolean animated) throws IOException {
        StringBuilder scenes = new StringBuilder();
        for (int i = 0; i < SCENES; i++) {
            scenes.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"duration": %d, "elements": [{"type": "image", "src": "photo%d.jpg"},
                      {"type": "text", "style": "%s", "text": "Room %d: light from two sides", "position": "bottom-center",
                       "settings": {"font-size": "80px", "font-weight": "bold", "color": "#FFFFFF"}}]}""", SECONDS, i,
                    animated ? ANIMATED.get(i % ANIMATED.size()) : "001", i + 1));
        }
        Path movie = work.resolve(animated ? "w3-animated.json" : "w3-001.json");
        Files.writeString(movie, String.format(Locale.ROOT, """
                {"resolution": "full-hd", "fps": %d,
                 "elements": [{"type": "audio", "src": "music.m4a", "volume": 0.4}],
                 "scenes": [%s]}""", FPS, scenes));
        return movie;
    }

    static List<String> moviola(Path repo, Path movie, Path out, String quality, String... extra) {
        // Through the launcher, as users run it (its JVM options are part of what a render costs).
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("moviola").toString(), "render",
                movie.toString(), "-o", out.toString(), "--json", "--quality", quality, "--ffmpeg", ffmpeg));
        if (!List.of(extra).contains("--cache-dir")) {
            cmd.addAll(List.of("--cache-dir", work.resolve("cache").toString()));
        }
        cmd.addAll(List.of(extra));
        return cmd;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    interface Sink {
        void accept(String stdout);
    }

    /** Runs a command, timing it and sampling the resident memory of its whole process tree. */
    static void measure(Map<String, List<Double>> times, Map<String, Long> rss, String name, List<String> cmd,
            Sink stdout) throws Exception {
        Path log = work.resolve("bench.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(log.toFile()).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        long peak = 0;
        while (p.isAlive()) {
            long sum = rssKb(p.toHandle());
            for (ProcessHandle d : p.descendants().toList()) {
                sum += rssKb(d);
            }
            peak = Math.max(peak, sum);
            Thread.sleep(20);
        }
        reader.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + " failed:\n" + Files.readString(log));
        }
        if (stdout != null) {
            stdout.accept(new String(out[0]));
        }
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(seconds);
        rss.merge(name, peak, Math::max);
        System.out.printf(Locale.ROOT, "  %-12s %6.2f s%n", name, seconds);
    }

    static long rssKb(ProcessHandle h) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended between listing and reading
        }
        return 0;
    }

    static void assets(Path repo) throws Exception {
        for (int i = 0; i < SCENES; i++) {
            Path jpg = work.resolve("photo" + i + ".jpg");
            if (!Files.exists(jpg)) {
                run(List.of(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "mandelbrot=s=1920x1080:start_scale=" + (0.5 + i * 0.7) + ":end_scale=0.1:maxiter=200,"
                                + "noise=alls=12:allf=u,hue=h=" + (i * 36),
                        "-frames:v", "1", "-q:v", "3", jpg.toString()));
            }
        }
        Path music = work.resolve("music.m4a");
        if (!Files.exists(music)) {
            run(List.of(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "aevalsrc=0.3*sin(2*PI*220*t)+0.2*sin(2*PI*277*t)+0.2*sin(2*PI*330*t):s=48000:d=" + SCENES * SECONDS,
                    "-ac", "2", "-c:a", "aac", "-b:a", "128k", music.toString()));
        }
        Files.copy(repo.resolve("src/main/resources/dev/moviola/fonts/Inter-Bold.otf"), work.resolve("Inter-Bold.otf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Path movie(boolean fades) throws IOException {
        StringBuilder scenes = new StringBuilder();
        for (int i = 0; i < SCENES; i++) {
            scenes.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"duration": %d, %s"elements": [{"type": "image", "src": "photo%d.jpg"},
                      {"type": "text", "text": "Room %d", "position": "top-left",
                       "settings": {"font-size": "90px", "font-weight": "bold"}}]}""", SECONDS,
                    fades && i > 0 ? "\"transition\": {\"style\": \"fade\", \"duration\": 0.5}, " : "", i, i + 1));
        }
        Path movie = work.resolve(fades ? "w2.json" : "w1.json");
        Files.writeString(movie, String.format(Locale.ROOT, """
                {"resolution": "full-hd", "fps": %d,
                 "elements": [{"type": "audio", "src": "music.m4a", "volume": 0.4}],
                 "scenes": [%s]}""", FPS, scenes));
        return movie;
    }

    /** The same video as one ffmpeg command, as a skilled user would write it. */
    static List<String> handWritten(boolean fades, String preset, String crf, Path repo) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y"));
        for (int i = 0; i < SCENES; i++) {
            cmd.addAll(List.of("-i", work.resolve("photo" + i + ".jpg").toString()));
        }
        cmd.addAll(List.of("-i", work.resolve("music.m4a").toString()));
        StringBuilder g = new StringBuilder();
        int frames = SECONDS * FPS;
        for (int i = 0; i < SCENES; i++) {
            g.append(String.format(Locale.ROOT, "[%d:v]scale=1920:1080,drawtext=fontfile=%s:text='Room %d':fontsize=90:"
                    + "fontcolor=white:x=96:y=54,format=yuv420p,loop=loop=%d:size=1,setpts=N/%d/TB[v%d];",
                    i, work.resolve("Inter-Bold.otf"), i + 1, frames - 1, FPS, i));
        }
        if (!fades) {
            for (int i = 0; i < SCENES; i++) {
                g.append("[v").append(i).append(']');
            }
            g.append("concat=n=").append(SCENES).append(":v=1:a=0[v];");
        } else {
            String prev = "v0";
            double offset = 0;
            for (int i = 1; i < SCENES; i++) {
                offset += SECONDS - 0.5;
                String out = i == SCENES - 1 ? "v" : "x" + i;
                g.append(String.format(Locale.ROOT, "[%s][v%d]xfade=transition=fade:duration=0.5:offset=%.1f[%s];",
                        prev, i, offset, out));
                prev = out;
            }
        }
        double length = fades ? SCENES * SECONDS - 0.5 * (SCENES - 1) : SCENES * SECONDS;
        g.append(String.format(Locale.ROOT, "[%d:a]volume=0.4,atrim=0:%s[a]", SCENES, length));
        cmd.addAll(List.of("-filter_complex", g.toString(), "-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", preset, "-crf", crf, "-pix_fmt", "yuv420p", "-r", Integer.toString(FPS),
                "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", work.resolve("hand.mp4").toString()));
        return cmd;
    }

    /** One image decoded once, its frame repeated for the movie's length, x264 only: the physical limit. */
    static List<String> floor(boolean fades, String preset, String crf) {
        return floorFrames(fades ? (SCENES * SECONDS * FPS - (SCENES - 1) * FPS / 2) : SCENES * SECONDS * FPS, preset, crf);
    }

    static List<String> floorFrames(int frames, String preset, String crf) {
        return List.of(ffmpeg, "-v", "error", "-y", "-i", work.resolve("photo0.jpg").toString(),
                "-vf", "format=yuv420p,loop=loop=" + (frames - 1) + ":size=1", "-frames:v", Integer.toString(frames),
                "-c:v", "libx264", "-preset", preset, "-crf", crf, "-r", Integer.toString(FPS), "-an",
                work.resolve("floor.mp4").toString());
    }

    static Map<String, Long> timings(String json) {
        Map<String, Long> t = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(planning|rendering|assembling|uploading)\"\\s*:\\s*(\\d+)").matcher(json);
        while (m.find()) {
            t.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return t;
    }

    static Map<String, Long> medianPhases(List<Map<String, Long>> runs) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : runs.get(0).keySet()) {
            List<Double> v = new ArrayList<>();
            runs.forEach(r -> v.add(r.get(k).doubleValue()));
            out.put(k, (long) median(v));
        }
        return out;
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
    }
}
