package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Pixels;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three caches seen from outside (docs/format.md#caching): what a repeat, an edit or a cache flag costs, in processes. */
class CacheRenderTest {
    static final String[] COLOURS = {"red", "lime", "blue", "yellow", "magenta", "cyan", "white", "gray", "navy", "olive"};

    @TempDir
    Path dir;
    final LocalHttp http = new LocalHttp();

    @AfterEach
    void stop() {
        http.close();
    }

    /** Counts ffmpeg processes by what they were for. */
    static final class Processes implements ProcessObserver {
        final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

        @Override
        public void started(String purpose, ProcessHandle process) {
            byKind.computeIfAbsent(purpose.split(" ")[0], k -> new AtomicInteger()).incrementAndGet();
        }

        int of(String kind) {
            AtomicInteger n = byKind.get(kind);
            return n == null ? 0 : n.get();
        }

        int total() {
            return byKind.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    /** Ten scenes with a title each; transitions into scenes 3 and 7. */
    static String tenScenes(String sceneSevenText) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String text = i == 6 ? sceneSevenText : "Scene " + (i + 1);
            s.append(i == 0 ? "" : ",").append("""
                    {"duration": 0.4, "background-color": "%s", "comment": "scene %d",
                     "elements": [{"type": "text", "text": "%s", "settings": {"font-size": "20px", "color": "black"}}]%s}"""
                    .formatted(COLOURS[i], i + 1, text, i == 2 || i == 6 ? ", \"transition\": {\"duration\": 0.12}" : ""));
        }
        return "{\"width\": 160, \"height\": 90, \"fps\": 25, \"scenes\": [" + s + "]}";
    }

    RenderResult render(Path in, String json, ProcessObserver observer) throws Exception {
        return Renders.render(in, json, observer, RenderOptions.DEFAULT);
    }

    @Test
    void aRepeatRenderStartsNoFfmpegAndWritesTheSameFile() throws Exception {
        RenderResult cold = render(dir, tenScenes("Scene 7"), ProcessObserver.NONE);
        byte[] first = Files.readAllBytes(cold.output());
        assertThat(cold.cache().movie()).isEqualTo("miss");
        assertThat(cold.cache().scenesRendered()).isEqualTo(10);
        Files.delete(cold.output());

        Processes repeat = new Processes();
        RenderResult again = render(dir, tenScenes("Scene 7"), repeat);
        assertThat(repeat.total()).as("ffmpeg processes: %s", repeat.byKind).isZero();
        assertThat(again.cache().movie()).isEqualTo("hit");
        assertThat(Files.readAllBytes(again.output())).isEqualTo(first);
        assertThat(again.width()).isEqualTo(160);
        assertThat(again.duration()).isEqualTo(cold.duration());
        assertThat(again.timings()).containsOnlyKeys("planning", "uploading");
    }

    @Test
    void editingTheTextOfSceneSevenRendersThatSceneOnlyAndMatchesAColdRender() throws Exception {
        render(dir, tenScenes("Scene 7"), ProcessObserver.NONE);

        Processes edit = new Processes();
        RenderResult edited = render(dir, tenScenes("Edited!"), edit);
        assertThat(edit.of("scene")).as("scene processes").isEqualTo(1);
        assertThat(edited.cache().scenesRendered()).isEqualTo(1);
        assertThat(edited.cache().scenesHit()).isEqualTo(9);
        assertThat(edited.cache().transitionsRendered()).as("the blend into scene 7").isEqualTo(1);
        assertThat(edited.cache().transitionsHit()).as("the blend into scene 3").isEqualTo(1);
        assertThat(edited.cache().soundHit()).isTrue();

        Path coldDir = Files.createDirectories(dir.resolve("cold"));
        RenderResult cold = render(coldDir, tenScenes("Edited!"), ProcessObserver.NONE);
        assertThat(cold.cache().scenesHit()).isZero();
        List<String> coldFrames = Decoded.frameHashes(cold.output());
        assertThat(Decoded.frameHashes(edited.output())).as("frame for frame").isEqualTo(coldFrames).hasSize(94);
    }

    /** Three scenes, each showing one picture downloaded from the local server (which sends ETags). */
    String threeUrlScenes(String sceneCache, String elementCache, String movieCache) {
        http.etags(true);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String url = http.serve("pic" + i + ".png", TestMedia.solid(dir, "pic" + i + ".png", COLOURS[i], 16, 16));
            s.append(i == 0 ? "" : ",").append("""
                    {"duration": 0.4%s, "elements": [{"type": "image", "src": "%s", "width": 40, "height": 40%s}]}"""
                    .formatted(i == 1 ? sceneCache : "", url, i == 1 ? elementCache : ""));
        }
        return "{\"width\": 160, \"height\": 90, \"fps\": 25" + movieCache + ", \"scenes\": [" + s + "]}";
    }

    int downloads() {
        return http.downloads("pic0.png") + http.downloads("pic1.png") + http.downloads("pic2.png");
    }

    @Test
    void elementCacheFalseRefetchesItAndRerendersItsSceneOnly() throws Exception {
        render(dir, threeUrlScenes("", "", ""), ProcessObserver.NONE);
        assertThat(downloads()).isEqualTo(3);

        Processes p = new Processes();
        RenderResult r = render(dir, threeUrlScenes("", ", \"cache\": false", ""), p);
        assertThat(http.downloads("pic1.png")).as("downloaded again").isEqualTo(2);
        assertThat(http.downloads("pic0.png") + http.downloads("pic2.png")).as("revalidated, not downloaded").isEqualTo(2);
        assertThat(p.of("scene")).isEqualTo(1);
        assertThat(r.cache().scenesRendered()).isEqualTo(1);
        assertThat(r.cache().scenesHit()).isEqualTo(2);
        assertThat(r.cache().elementsFetched()).isEqualTo(1);
        assertThat(r.cache().elementsHit()).isEqualTo(2);
        assertThat(r.cache().movie()).isEqualTo("skipped");
        assertThat(Pixels.near(Decoded.frame(r.output(), 12), 20, 20, 0, 255, 0)).isTrue();
    }

    @Test
    void sceneCacheFalseRerendersTheSceneWithItsSourcesFromTheCache() throws Exception {
        render(dir, threeUrlScenes("", "", ""), ProcessObserver.NONE);
        Processes p = new Processes();
        RenderResult r = render(dir, threeUrlScenes(", \"cache\": false", "", ""), p);
        assertThat(downloads()).as("no source downloaded again").isEqualTo(3);
        assertThat(p.of("scene")).isEqualTo(1);
        assertThat(r.cache().scenesRendered()).isEqualTo(1);
        assertThat(r.cache().scenesHit()).isEqualTo(2);
        assertThat(r.cache().elementsFetched()).isZero();
        assertThat(r.cache().movie()).isEqualTo("skipped");
    }

    @Test
    void movieCacheFalseRerendersEverySceneButFetchesNothingAndItsResultIsReusedAfter() throws Exception {
        RenderResult first = render(dir, threeUrlScenes("", "", ""), ProcessObserver.NONE);
        byte[] firstBytes = Files.readAllBytes(first.output());
        Processes p = new Processes();
        RenderResult r = render(dir, threeUrlScenes("", "", ", \"cache\": false"), p);
        assertThat(downloads()).as("no source downloaded again").isEqualTo(3);
        assertThat(p.of("scene")).isEqualTo(3);
        assertThat(p.of("assemble")).isEqualTo(1);
        assertThat(r.cache().scenesRendered()).isEqualTo(3);
        assertThat(r.cache().elementsFetched()).isZero();
        assertThat(r.cache().movie()).isEqualTo("skipped");
        assertThat(Files.readAllBytes(r.output())).as("deterministic").isEqualTo(firstBytes);

        Processes after = new Processes();
        assertThat(render(dir, threeUrlScenes("", "", ""), after).cache().movie()).isEqualTo("hit");
        assertThat(after.total()).isZero();
    }

    /**
     * Scenes 1 and 3 show a.png (scene 3 in a corner: identical scenes would share one clip), scene 2 shows b.png.
     */
    static String pictures(int fps, String quality) {
        return """
                {"width": 160, "height": 90, "fps": %d, "quality": "%s", "scenes": [
                  {"duration": 0.4, "elements": [{"type": "image", "src": "a.png"}]},
                  {"duration": 0.4, "elements": [{"type": "image", "src": "b.png"}]},
                  {"duration": 0.4, "elements": [{"type": "image", "src": "a.png", "width": 80, "height": 45}]}]}"""
                .formatted(fps, quality);
    }

    @Test
    void newBytesAtTheSamePathRerenderTheScenesUsingThem() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 18);
        TestMedia.solid(dir, "b.png", "blue", 32, 18);
        render(dir, pictures(25, "high"), ProcessObserver.NONE);

        TestMedia.solid(dir, "a.png", "lime", 32, 18); // same path, same size, other bytes
        Processes p = new Processes();
        RenderResult r = render(dir, pictures(25, "high"), p);
        assertThat(p.of("scene")).isEqualTo(2);
        assertThat(r.cache().scenesHit()).isEqualTo(1);
        assertThat(Pixels.near(Decoded.frame(r.output(), 2), 80, 45, 0, 255, 0)).isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 12), 80, 45, 0, 0, 255)).isTrue();
        assertThat(Pixels.near(Decoded.frame(r.output(), 22), 20, 20, 0, 255, 0)).isTrue();
    }

    @Test
    void frameRateAndQualityMissTheSceneCacheButACommentHitsIt() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 18);
        TestMedia.solid(dir, "b.png", "blue", 32, 18);
        render(dir, pictures(25, "high"), ProcessObserver.NONE);

        RenderResult fps = render(dir, pictures(30, "high"), ProcessObserver.NONE);
        assertThat(fps.cache().scenesHit()).isZero();
        assertThat(fps.cache().scenesRendered()).isEqualTo(3);
        RenderResult quality = render(dir, pictures(25, "low"), ProcessObserver.NONE);
        assertThat(quality.cache().scenesHit()).isZero();

        Processes p = new Processes();
        RenderResult comment = render(dir, pictures(25, "high").replace("\"duration\": 0.4,",
                "\"comment\": \"a note for the editor\", \"duration\": 0.4,"), p);
        assertThat(comment.cache().movie()).isEqualTo("hit");
        assertThat(p.total()).isZero();
    }

    @Test
    void identicalScenesInOneMovieRenderOnce() throws Exception {
        TestMedia.solid(dir, "a.png", "red", 32, 18);
        String scene = "{\"duration\": 0.4, \"elements\": [{\"type\": \"image\", \"src\": \"a.png\"}]}";
        Processes p = new Processes();
        RenderResult r = render(dir, "{\"width\": 160, \"height\": 90, \"scenes\": [" + scene + ", " + scene + ", "
                + scene + "]}", p);
        assertThat(p.of("scene")).isEqualTo(1);
        assertThat(r.cache().scenesHit()).isEqualTo(2);
        assertThat(Decoded.frameCount(r.output())).isEqualTo(30);
        assertThat(Pixels.near(Decoded.frame(r.output(), 25), 80, 45, 255, 0, 0)).isTrue();
    }

    @Test
    void twoConcurrentRendersOfOneMovieRenderEachSceneOnce() throws Exception {
        Settings settings = Renders.settings(dir);
        Processes p = new Processes();
        Pipeline pipeline = new Pipeline(settings, TestFfmpeg.ffmpeg(p));
        Document doc = Pipeline.read(tenScenes("Scene 7"), settings);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<RenderResult> a = two.submit(() -> pipeline.render(doc, dir, dir.resolve("a.mp4"),
                    RenderOptions.DEFAULT, ProgressListener.NONE));
            Future<RenderResult> b = two.submit(() -> pipeline.render(doc, dir, dir.resolve("b.mp4"),
                    RenderOptions.DEFAULT, ProgressListener.NONE));
            RenderResult ra = a.get(120, TimeUnit.SECONDS);
            RenderResult rb = b.get(120, TimeUnit.SECONDS);
            assertThat(p.of("scene")).isEqualTo(10);
            assertThat(p.of("assemble")).isEqualTo(1);
            assertThat(List.of(ra.cache().movie(), rb.cache().movie())).containsExactlyInAnyOrder("hit", "miss");
            assertThat(Files.readAllBytes(ra.output())).isEqualTo(Files.readAllBytes(rb.output()));
        } finally {
            two.shutdownNow();
        }
    }
}
