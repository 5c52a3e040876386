package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.render.FrameChanges.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a scene's frames are cut into still runs (encoded once) and changing runs (encoded by x264). */
class FrameChangesTest {

    @Test
    void aSceneWithoutChangesIsOneStillRun() {
        assertThat(new FrameChanges(150).segments(0, 150, 30)).containsExactly(new Segment(0, 150, true));
    }

    @Test
    void anAnimationAtTheStartLeavesAStillTail() {
        FrameChanges c = new FrameChanges(150);
        c.during(1, 30); // frames 1..29 differ from their predecessors; 30 onwards repeat frame 29
        assertThat(c.segments(0, 150, 30)).containsExactly(new Segment(0, 29, false), new Segment(29, 150, true));
    }

    @Test
    void aLayerAppearingCutsTwoStillRuns() {
        FrameChanges c = new FrameChanges(150);
        c.at(60);
        assertThat(c.segments(0, 150, 30)).containsExactly(new Segment(0, 60, true), new Segment(60, 150, true));
    }

    @Test
    void shortStillRunsAreEncodedWithTheChangesAroundThem() {
        FrameChanges c = new FrameChanges(150);
        c.during(1, 50);
        c.during(60, 150); // frames 49..59 are still, but only 11 of them
        assertThat(c.segments(0, 150, 30)).containsExactly(new Segment(0, 150, false));
    }

    @Test
    void everyRunHasAtLeastTwoFrames() {
        FrameChanges c = new FrameChanges(100);
        c.at(40);
        c.at(41); // frame 40 alone between two still runs
        List<Segment> s = c.segments(0, 100, 30);
        assertThat(s).containsExactly(new Segment(0, 40, true), new Segment(40, 42, false), new Segment(42, 100, true));
        c = new FrameChanges(100);
        c.at(99); // the last frame alone
        assertThat(c.segments(0, 100, 30)).containsExactly(new Segment(0, 98, true), new Segment(98, 100, false));
    }

    @Test
    void onlyTheAskedRangeIsCutAndMarksOutsideTheSceneAreIgnored() {
        FrameChanges c = new FrameChanges(150);
        c.at(0);
        c.at(150);
        c.during(-5, 20);
        // Frames 16..19 each differ from the one before; 20 onwards repeat frame 19.
        assertThat(c.segments(15, 135, 30)).containsExactly(new Segment(15, 19, false), new Segment(19, 135, true));
    }
}
