package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.MovieReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline rules of docs/format.md#timeline, on plans compiled from documents with made-up media lengths. */
class PlanCompilerTest {
    private final Map<String, Asset> media = new HashMap<>();

    void video(String name, double seconds) {
        media.put(name, new Asset(name, Path.of(name), new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", seconds, seconds,
                seconds, true, true, 320, 180, 0), name, false));
    }

    void sound(String name, double seconds) {
        media.put(name, new Asset(name, Path.of(name), new MediaInfo("wav", seconds, Double.NaN, seconds, false, true,
                0, 0, 0), name, false));
    }

    void picture(String name) {
        media.put(name, new Asset(name, Path.of(name), new MediaInfo("png_pipe", Double.NaN, Double.NaN, Double.NaN,
                true, false, 100, 100, 0), name, false));
    }

    RenderPlan plan(String json) throws InvalidMovieException {
        return new PlanCompiler(Limits.DEFAULT).compile(new MovieReader(Limits.DEFAULT).read(json).movie(), new Assets(media));
    }

    /** Each scene's length in seconds as the document defines it (before the frame grid). */
    double[] lengths(String json) throws InvalidMovieException {
        var movie = new MovieReader(Limits.DEFAULT).read(json).movie();
        return movie.scenes().stream().mapToDouble(s -> PlanCompiler.sceneLength(s, new Assets(media))).toArray();
    }

    @Test
    void autoSceneLengthCountsOnlyElementsWithALengthOfTheirOwn() throws Exception {
        video("v.mp4", 3);
        sound("a.wav", 2);
        picture("p.png");
        double[] p = lengths("""
                {"scenes":[
                  {"elements":[{"type":"image","src":"p.png"},{"type":"video","src":"v.mp4","start":1}]},
                  {"elements":[{"type":"audio","src":"a.wav","start":0.5,"extra-time":1}]},
                  {"elements":[{"type":"text","text":"x","duration":2.5},{"type":"video","src":"v.mp4","duration":-2}]},
                  {"elements":[{"type":"image","src":"p.png"},{"type":"text","text":"no length"}]},
                  {"elements":[{"type":"video","src":"v.mp4","seek":1}]},
                  {"elements":[{"type":"video","src":"v.mp4","seek":1,"loop":3}]},
                  {"elements":[{"type":"video","src":"v.mp4","loop":-1},{"type":"audio","src":"a.wav"}]}]}""");
        assertThat(p[0]).as("video from 1 s, 3 s long").isEqualTo(4);
        assertThat(p[1]).as("extra-time counts").isEqualTo(3.5);
        assertThat(p[2]).as("-2 does not count; explicit 2.5 does").isEqualTo(2.5);
        assertThat(p[3]).as("nothing with a length: 5 s").isEqualTo(5);
        assertThat(p[4]).as("-1 with seek: what remains").isEqualTo(2);
        assertThat(p[5]).as("loop 3 of what remains after the seek").isEqualTo(6);
        assertThat(p[6]).as("loop -1 does not count; the sound does").isEqualTo(2);
    }

    @Test
    void elementsLongerThanTheirSceneEndWithIt() throws Exception {
        video("v.mp4", 10);
        sound("a.wav", 10);
        RenderPlan p = plan("""
                {"scenes":[{"duration":3,"elements":[{"type":"video","src":"v.mp4","start":1},
                  {"type":"audio","src":"a.wav","duration":-2,"start":0.5},{"type":"text","text":"x","duration":1,"extra-time":1}]}]}""");
        Layer video = p.scenes().get(0).layers().get(0);
        assertThat(video.fromFrame()).isEqualTo(25);
        assertThat(video.toFrame()).isEqualTo(75);
        assertThat(video.play()).isEqualTo(2);
        Layer text = p.scenes().get(0).layers().get(1);
        assertThat(text.toFrame()).as("duration + extra-time").isEqualTo(50);
        assertThat(p.audio()).extracting(AudioTrack::play).containsExactly(2.0, 2.5);
    }

    @Test
    void sceneCutsStayOnTheFrameGridWithoutDrift() throws Exception {
        String scenes = "{\"duration\":0.3},".repeat(99) + "{\"duration\":0.3}";
        RenderPlan p = plan("{\"fps\": 25, \"scenes\":[" + scenes + "]}");
        assertThat(p.frames()).as("30 s at 25 fps").isEqualTo(750);
        for (int i = 0; i < 100; i++) {
            double exact = i * 0.3;
            double actual = p.output().fps().timeOf(p.scenes().get(i).startFrame());
            assertThat(Math.abs(actual - exact)).as("scene %d start", i).isLessThanOrEqualTo(0.5 / 25 + 1e-9);
        }
    }

    @Test
    void soundIsPlacedAtExactTimesNotFrameTimes() throws Exception {
        sound("a.wav", 0.5);
        RenderPlan p = plan("""
                {"fps": 25, "scenes":[{"duration":0.5,"elements":[{"type":"audio","src":"a.wav"}]},
                  {"duration":0.5,"elements":[{"type":"audio","src":"a.wav"}]}]}""");
        assertThat(p.scenes().get(1).startFrame()).as("12.5 frames rounds to 13").isEqualTo(13);
        assertThat(p.audio()).extracting(AudioTrack::start).containsExactly(0.0, 0.5);
    }

    @Test
    void movieLevelElementsSpanScenesAndAreCutAtTheMovieEnd() throws Exception {
        picture("logo.png");
        sound("music.wav", 60);
        RenderPlan p = plan("""
                {"elements":[{"type":"image","src":"logo.png","start":1,"fade-in":2},{"type":"audio","src":"music.wav"}],
                 "scenes":[{"duration":2},{"duration":2,"elements":[{"type":"text","text":"x","z-index":5}]}]}""");
        Layer first = p.scenes().get(0).layers().get(0);
        assertThat(first.fromFrame()).isEqualTo(25);
        assertThat(first.startFrame()).isEqualTo(25);
        Layer second = p.scenes().get(1).layers().get(1);
        assertThat(second.element().where().path()).as("movie-level overlays are above scene elements, whatever their z")
                .isEqualTo("elements[0]");
        assertThat(second.startFrame()).as("began 1 s before this scene").isEqualTo(-25);
        assertThat(second.fromFrame()).isZero();
        assertThat(second.toFrame()).isEqualTo(50);
        assertThat(p.audio()).singleElement().satisfies(t -> assertThat(t.play()).as("cut at the movie end").isEqualTo(4));
    }

    @Test
    void elementsThatNeverPlayAreReported() throws Exception {
        RenderPlan p = plan("{\"scenes\":[{\"duration\":2,\"elements\":[{\"type\":\"text\",\"text\":\"late\",\"start\":3}]}]}");
        assertThat(p.scenes().get(0).layers()).isEmpty();
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("scenes[0].elements[0].start");
            assertThat(w.message()).contains("never plays");
        });
    }

    @Test
    void aMovieOverTheLengthLimitIsRefused() {
        video("v.mp4", 3600);
        assertThatThrownBy(() -> plan("{\"scenes\":[{\"elements\":[{\"type\":\"video\",\"src\":\"v.mp4\"}]}]}"))
                .isInstanceOf(InvalidMovieException.class).hasMessageContaining("more than the limit of 1200 s");
    }
}
