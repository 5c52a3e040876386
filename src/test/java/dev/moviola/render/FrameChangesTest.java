package dev.moviola.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which frame ranges of a scene repeat their first frame, as the marks of its layers say. */
class FrameChangesTest {

    @Test
    void aSceneWithoutChangesIsStill() {
        assertThat(new FrameChanges(150).still(0, 150)).isTrue();
    }

    @Test
    void aChangeInsideTheRangeMakesItChangeButNotAtItsFirstFrame() {
        FrameChanges c = new FrameChanges(150);
        c.at(60);
        assertThat(c.still(0, 150)).isFalse();
        assertThat(c.still(0, 60)).isTrue();
        assertThat(c.still(60, 150)).as("frame 60 differs from 59, not from the frames after it").isTrue();
    }

    @Test
    void aRunOfChangesCoversEachFrame() {
        FrameChanges c = new FrameChanges(150);
        c.during(1, 30); // frames 1..29 each differ from the one before; from 29 on the picture holds
        assertThat(c.still(0, 30)).isFalse();
        assertThat(c.still(29, 150)).isTrue();
        assertThat(c.still(28, 150)).isFalse();
    }

    @Test
    void marksOutsideTheSceneAreIgnored() {
        FrameChanges c = new FrameChanges(150);
        c.at(0);
        c.at(150);
        c.during(-5, 1);
        c.during(150, 400);
        assertThat(c.still(0, 150)).isTrue();
    }
}
