package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.ProgressListener;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.plan.PlanFiles;
import dev.moviola.plan.RenderPlan;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Renders;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Still scene bodies encoded once (issue 23): a movie with a fade-in, a long still and a playing video, joined
 * with a transition, decodes cleanly, frame-exact and seekable, and its still body costs a keyframe and a few bytes a
 * frame; quality and size match x264's own encoding of the same frames; captions count as changes only where their
 * text does; settings the writer does not know make the scene fall back to x264.
 */
@Slow
class StillFramesTest {
    @TempDir
    Path dir;

    private static final int FPS = 30;

    /** Scene A: 5 s, a picture fading in for 1 s; B: 10 s still after a 0.5 s fade; C: 2 s of a playing video. */
    private String movie(String quality) {
        return """
                {"resolution": "custom", "width": 320, "height": 180, "fps": 30, "quality": "%s", "scenes": [
                  {"duration": 5, "elements": [{"type": "image", "src": "a.png", "fade-in": 1}]},
                  {"duration": 10, "transition": {"style": "fade", "duration": 0.5},
                   "elements": [{"type": "image", "src": "b.png"}]},
                  {"duration": 2, "elements": [{"type": "video", "src": "count.mp4"}]}]}""".formatted(quality);
    }

    private void media() {
        TestMedia.quadrants(dir, "a.png", 320, 180);
        TestMedia.ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=320x180:maxiter=100,noise=alls=12:allf=u", "-frames:v", "1",
                dir.resolve("b.png").toString());
        TestMedia.countingVideo(dir, "count.mp4", FPS, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"low", "medium", "high"})
    void aMovieWithStillAndChangingRunsDecodesFrameExactAndSeeks(String quality) throws Exception {
        media();
        Renders.render(dir, movie(quality));
        Path out = dir.resolve("out.mp4");

        assertThat(decodeErrors(out)).as("ffmpeg -v error while decoding").isEmpty();
        List<Packet> packets = packets(out);
        long frames = Math.round(16.5 * FPS);
        assertThat(packets).hasSize((int) frames);
        assertThat(Decoded.frameCount(out)).isEqualTo(frames);
        Map<String, String> v = streamInfo(out);
        assertThat(v.get("r_frame_rate")).isEqualTo("30/1");
        assertThat(v.get("avg_frame_rate")).isEqualTo("30/1");
        assertThat(Double.parseDouble(v.get("duration"))).isCloseTo(16.5, org.assertj.core.data.Offset.offset(0.001));
        // Decoding times rise, presentation times are one frame apart (the joins add nothing and lose nothing).
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).dts).as("dts of packet %d", i).isGreaterThan(packets.get(i - 1).dts);
        }
        List<Long> pts = packets.stream().map(p -> p.pts).sorted().toList();
        long step = pts.get(1) - pts.get(0);
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).as("pts step at frame %d", i).isEqualTo(step);
        }
        // No decoding time was "fixed" at a join (ffmpeg's Non-monotonous DTS warning moves it by one tick).
        assertThat(packets).allSatisfy(p -> assertThat(p.dts % step).as("dts %d on the frame grid", p.dts).isZero());

        List<String> hashes = Decoded.frameHashes(out);
        // A fades in (x264 encodes it, with its still end: cutting that end out would cost a keyframe), then blends
        // into B from 4.5 s; B shows alone from 5 s to 14.5 s: a still body, one picture; then C plays.
        assertThat(hashes.subList(150, 435)).as("B's still body").containsOnly(hashes.get(150));
        assertThat(hashes.get(20)).isNotEqualTo(hashes.get(100));
        assertThat(keysBetween(packets, 1, 135)).as("no keyframe inside A").isEmpty();
        // C plays (a grey that steps by 2 levels a frame; at low quality x264 merges a few neighbours).
        assertThat(new java.util.HashSet<>(hashes.subList(435, 495))).as("C plays").hasSizeGreaterThan(40);

        // The still body costs a few bytes a frame: every frame of it but its keyframes is a generated skip frame.
        long tiny = packets.subList(150, 435).stream().filter(p -> p.size < 100).count();
        assertThat(tiny).isGreaterThanOrEqualTo(283);
        // A keyframe again 250 frames into B's still body, so a player seeks there without decoding from 5 s.
        assertThat(keysBetween(packets, 150, 435)).containsExactly(150, 150 + 250);
        assertThat(seekHash(out, 14.0)).isEqualTo(hashes.get(420));
    }

    @Test
    void aStillRunLooksAsGoodAsX264MakesItAndIsNoLarger() throws Exception {
        TestMedia.ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=640x360:maxiter=200,noise=alls=14:allf=u,hue=h=40",
                "-frames:v", "1", dir.resolve("photo.png").toString());
        String movie = """
                {"resolution": "custom", "width": 640, "height": 360, "fps": 30, "quality": "%s", "scenes": [
                  {"duration": 5, "elements": [{"type": "image", "src": "photo.png"}]}]}""";
        Path ref = dir.resolve("ref.y4m");
        TestMedia.ffmpeg("-i", dir.resolve("photo.png").toString(), "-vf",
                "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p", "-frames:v", "1", ref.toString());
        for (String quality : List.of("medium", "high")) {
            Path once = render(movie.formatted(quality), true, "once-" + quality);
            Path every = render(movie.formatted(quality), false, "every-" + quality);
            double psnrOnce = psnr(once, ref);
            double psnrEvery = psnr(every, ref);
            long sizeOnce = Files.size(once);
            long sizeEvery = Files.size(every);
            System.out.printf("%s: still run %.2f dB %d bytes, x264 every frame %.2f dB %d bytes%n", quality, psnrOnce,
                    sizeOnce, psnrEvery, sizeEvery);
            assertThat(psnrOnce).as(quality + ": PSNR of the still run").isGreaterThanOrEqualTo(psnrEvery - 0.1);
            assertThat((double) sizeOnce).as(quality + ": size").isLessThanOrEqualTo(sizeEvery * 1.1);
            assertThat(packets(once).stream().filter(p -> p.size < 100).count()).as("skip frames").isGreaterThan(140);
        }
    }

    @Test
    void aCaptionHeldThroughTheBodyKeepsItStillAndOneThatChangesDoesNot() throws Exception {
        media();
        String one = "1\\n00:00:00,000 --> 00:00:04,000\\nHello\\n";
        String two = "1\\n00:00:00,000 --> 00:00:02,000\\nHello\\n\\n2\\n00:00:02,000 --> 00:00:04,000\\nWorld\\n";
        for (String captions : List.of(one, two)) {
            Path sub = Files.createDirectories(dir.resolve(captions == one ? "one" : "two"));
            Files.copy(dir.resolve("b.png"), sub.resolve("b.png"));
            Renders.render(sub, """
                    {"resolution": "custom", "width": 320, "height": 180, "fps": 30, "quality": "medium",
                     "elements": [{"type": "subtitles", "captions": "%s", "settings": {"style": "classic"}}],
                     "scenes": [{"duration": 4, "elements": [{"type": "image", "src": "b.png"}]}]}""".formatted(captions));
            Path out = sub.resolve("out.mp4");
            assertThat(decodeErrors(out)).isEmpty();
            List<String> hashes = Decoded.frameHashes(out);
            assertThat(hashes).hasSize(120);
            if (captions == one) {
                assertThat(hashes).as("one caption: a still body").containsOnly(hashes.get(0));
            } else {
                assertThat(hashes.get(10)).as("the caption changes at 2 s").isNotEqualTo(hashes.get(100));
                assertThat(keysBetween(packets(out), 1, 120)).as("x264 codes the change, no new keyframe").isEmpty();
            }
        }
    }

    private static List<Integer> keysBetween(List<Packet> packets, int from, int to) {
        List<Integer> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (packets.get(i).key) {
                keys.add(i);
            }
        }
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x264-params stitchable=1:cabac=0", "-x264-params stitchable=1:slices=2"})
    void settingsTheWriterDoesNotKnowFallBackToX264(String options) throws Exception {
        media();
        Renders.render(dir, movie("medium"), ProcessObserver.NONE, RenderOptions.DEFAULT.withKeepWork());
        Path intermediates = Renders.keptIntermediates(dir);
        RenderPlan plan = PlanFiles.read(intermediates.getParent().getParent().resolve("render-plans")
                .resolve(intermediates.getFileName()).resolve("plan.json"));
        Path elsewhere = Files.createDirectories(dir.resolve("again"));
        // Scene B again, its still body's keyframe encoded with other settings: its parameter sets are not the scene
        // clips' (CAVLC instead of CABAC), or x264 cuts the picture into slices the writer does not write.
        Clip clip = new SceneRenderer(TestFfmpeg.ffmpeg(), () -> new FontCatalog(List.of()), Duration.ofMinutes(1),
                true, List.of(options.split(" ")))
                .render(plan.scenes().get(1), plan.output(), ref -> dir.resolve("b.png"), elsewhere, 1, null);
        Clip x264 = new SceneRenderer(TestFfmpeg.ffmpeg(), () -> new FontCatalog(List.of()), Duration.ofMinutes(1),
                false).render(plan.scenes().get(1), plan.output(), ref -> dir.resolve("b.png"),
                        Files.createDirectories(dir.resolve("x264")), 1, null);
        assertThat(decodeErrors(clip.body())).isEmpty();
        List<String> hashes = Decoded.frameHashes(clip.body());
        assertThat(hashes).hasSize(285).isEqualTo(Decoded.frameHashes(x264.body()));
        // The still body written here repeats one picture exactly; x264 refines it over the first frames after its
        // keyframe, so the fallback's frames are x264's, not the still clip's.
        List<String> withStill = Decoded.frameHashes(intermediates.resolve("scene_001.mp4"));
        assertThat(withStill).hasSize(285).containsOnly(withStill.get(0));
        assertThat(hashes).isNotEqualTo(withStill);
    }

    private Path render(String json, boolean stills, String name) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        Files.copy(dir.resolve("photo.png"), sub.resolve("photo.png"));
        Settings s = Settings.load(Map.of("work-dir", sub.resolve("work").toString(), "cache-dir",
                sub.resolve("cache").toString(), "still-frames", Boolean.toString(stills)), System.getenv());
        try (Pipeline p = new Pipeline(s, TestFfmpeg.ffmpeg())) {
            p.render(Pipeline.read(json, s), sub, sub.resolve("out.mp4"), RenderOptions.DEFAULT, ProgressListener.NONE);
        }
        return sub.resolve("out.mp4");
    }

    record Packet(long pts, long dts, int size, boolean key) {
    }

    static List<Packet> packets(Path video) throws IOException, InterruptedException {
        List<Packet> out = new ArrayList<>();
        for (String line : run(List.of(TestFfmpeg.installation().ffprobe().orElseThrow().toString(), "-v", "error", "-select_streams",
                "v:0", "-show_entries", "packet=pts,dts,size,flags", "-of", "csv=p=0", video.toString())).lines().toList()) {
            String[] f = line.split(",");
            out.add(new Packet(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3].startsWith("K")));
        }
        return out;
    }

    static Map<String, String> streamInfo(Path video) throws IOException, InterruptedException {
        Map<String, String> m = new HashMap<>();
        run(List.of(TestFfmpeg.installation().ffprobe().orElseThrow().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=r_frame_rate,avg_frame_rate,duration", "-of", "default=nw=1", video.toString()))
                .lines().forEach(l -> m.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return m;
    }

    /** What {@code ffmpeg -v error} says while decoding every frame. */
    static String decodeErrors(Path video) throws IOException, InterruptedException {
        return runErr(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-v", "error", "-nostdin", "-i",
                video.toString(), "-f", "null", "-"));
    }

    private static String seekHash(Path video, double seconds) throws IOException, InterruptedException {
        String out = run(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-v", "error", "-nostdin", "-ss",
                Double.toString(seconds), "-i", video.toString(), "-frames:v", "1", "-f", "framemd5", "-"));
        String line = out.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        return line.substring(line.lastIndexOf(',') + 1).trim();
    }

    /** Mean PSNR (all planes) of every frame of {@code video} against the one picture {@code ref}. */
    private static double psnr(Path video, Path ref) throws IOException, InterruptedException {
        String err = runErr(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-nostdin", "-i", video.toString(),
                "-i", ref.toString(), "-lavfi", "[1:v]loop=loop=-1:size=1[r];[0:v][r]psnr=shortest=1", "-f", "null", "-"));
        Matcher m = Pattern.compile("PSNR y:\\S+ u:\\S+ v:\\S+ average:([0-9.]+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    private static String runErr(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return err;
    }
}
