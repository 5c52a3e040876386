package dev.moviola.render;

import static dev.moviola.plan.CaptionSamples.captions;
import static dev.moviola.plan.CaptionSamples.cue;
import static dev.moviola.plan.CaptionSamples.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.movie.Color;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Quality;
import dev.moviola.movie.SubtitleSettings;
import dev.moviola.movie.SubtitleSettings.CaptionStyle;
import dev.moviola.plan.CaptionSamples;
import dev.moviola.plan.CaptionWord;
import dev.moviola.plan.Captions;
import dev.moviola.plan.Cue;
import dev.moviola.plan.Output;
import dev.moviola.render.text.CaptionPainter;
import dev.moviola.render.text.FontCatalog;
import dev.moviola.testing.TestFfmpeg;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captions drawn into a concat list and read back by ffmpeg, checked by their pixels. The cue used most: "one two
 * three" on screen 0.5-2.5 s, each word said for 0.5 s from 0.5 s; at 10 fps, "one" is said in frames 5-9, "two" in
 * 10-14, "three" in 15-19, and frames 20-24 hold the line.
 */
class CaptionTrackTest {
    static final FontCatalog FONTS = new FontCatalog(List.of());
    static final int W = 320;
    static final int H = 180;
    static final Output OUT = new Output(W, H, new Fps(10, 1), Quality.LOW, false);
    static final List<String> WORDS = List.of("one", "two", "three");

    @TempDir
    Path dir;
    int layers;

    /** A frame as straight ARGB pixels. */
    record Frame(int[] argb) {
        int alpha(int x, int y) {
            return argb[y * W + x] >>> 24;
        }

        /** Pixels in {@code r} (clipped to the frame) of about this colour and mostly opaque. */
        int count(Rectangle2D r, Color c) {
            Rectangle b = r.getBounds().intersection(new Rectangle(0, 0, W, H));
            int n = 0;
            for (int y = b.y; y < b.y + b.height; y++) {
                for (int x = b.x; x < b.x + b.width; x++) {
                    int p = argb[y * W + x];
                    if (p >>> 24 > 200 && Math.abs((p >> 16 & 255) - c.red()) < 40 && Math.abs((p >> 8 & 255) - c.green()) < 40
                            && Math.abs((p & 255) - c.blue()) < 40) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** Pixels in {@code r} with any opacity. */
        int ink(Rectangle2D r) {
            Rectangle b = r.getBounds().intersection(new Rectangle(0, 0, W, H));
            int n = 0;
            for (int y = b.y; y < b.y + b.height; y++) {
                for (int x = b.x; x < b.x + b.width; x++) {
                    n += alpha(x, y) > 0 ? 1 : 0;
                }
            }
            return n;
        }

        /** The smallest rectangle holding every clearly visible pixel (alpha over 64), or null. */
        Rectangle inkBounds() {
            Rectangle r = null;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (alpha(x, y) > 64) {
                        r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                    }
                }
            }
            return r;
        }
    }

    CaptionLayer draw(Captions c, Output out, long from, long to) throws Exception {
        return CaptionTrack.draw(c, out, from, to, FONTS, null, dir.resolve("layer" + layers++));
    }

    /** Every frame ffmpeg reads from the layer's list at the output's rate, as RGBA. */
    static List<Frame> decode(CaptionLayer layer, Output out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TestFfmpeg.installation().ffmpeg().toString(), "-v", "error", "-nostdin"));
        cmd.addAll(layer.inputOptions());
        cmd.addAll(List.of("-i", "file:" + layer.list().toAbsolutePath(), "-vf", "fps=" + out.fps(),
                "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(bytes);
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg reads the list").isZero();
        byte[] raw = bytes.toByteArray();
        int size = out.width() * out.height() * 4;
        List<Frame> frames = new ArrayList<>();
        for (int off = 0; off + size <= raw.length; off += size) {
            int[] px = new int[out.width() * out.height()];
            for (int i = 0, b = off; i < px.length; i++, b += 4) {
                px[i] = (raw[b + 3] & 255) << 24 | (raw[b] & 255) << 16 | (raw[b + 1] & 255) << 8 | (raw[b + 2] & 255);
            }
            frames.add(new Frame(px));
        }
        return frames;
    }

    List<Frame> frames(SubtitleSettings s) throws Exception {
        CaptionLayer layer = draw(captions(s, cue(0.5, 0.5, 2.5, "one", "two", "three")), OUT, 0, 30);
        List<Frame> frames = decode(layer, OUT);
        assertThat(frames.size()).isGreaterThanOrEqualTo(30);
        return frames;
    }

    static List<Rectangle2D> boxes(SubtitleSettings s, List<String> words) throws Exception {
        return CaptionPainter.create(s, W, H, FONTS, null).layout(words).boxes();
    }

    static Rectangle2D grown(Rectangle2D r, double by) {
        return new Rectangle2D.Double(r.getX() - by, r.getY() - by, r.getWidth() + 2 * by, r.getHeight() + 2 * by);
    }

    static Rectangle2D shrunk(Rectangle2D r, double dx) {
        return new Rectangle2D.Double(r.getX() + dx, r.getY(), r.getWidth() - 2 * dx, r.getHeight());
    }

    @Test
    void boxedWordPutsTheBoxBehindTheWordBeingSaidOnly() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.BOXED_WORD);
        List<Frame> f = frames(s);
        List<Rectangle2D> box = boxes(s, WORDS);
        Color red = CaptionSamples.RED;
        Frame two = f.get(12); // "two" said 1.0-1.5 s
        assertThat(two.count(box.get(1), red)).as("box under \"two\"").isGreaterThan(30);
        assertThat(two.count(box.get(1), CaptionSamples.YELLOW)).as("\"two\" in the word colour").isPositive();
        assertThat(two.count(shrunk(box.get(2), 2), red)).as("no box under \"three\"").isZero();
        assertThat(two.count(shrunk(box.get(0), 2), red)).as("nor under \"one\"").isZero();
        assertThat(two.count(box.get(0), CaptionSamples.WHITE)).as("the rest of the line shows").isPositive();
        Frame three = f.get(17);
        assertThat(three.count(box.get(2), red)).isGreaterThan(30);
        assertThat(three.count(shrunk(box.get(1), 2), red)).isZero();
        Frame held = f.get(22);
        assertThat(held.count(new Rectangle(0, 0, W, H), red)).as("no word said: no box").isZero();
        assertThat(held.ink(box.get(2))).isPositive();
        assertThat(f.get(2).inkBounds()).as("before the cue: nothing").isNull();
        assertThat(f.get(27).inkBounds()).as("after it: nothing").isNull();
    }

    @Test
    void classicOneWordShowsOneWordAtATime() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC_ONE_WORD);
        List<Frame> f = frames(s);
        int[] at = {7, 12, 17, 22};
        String[] word = {"one", "two", "three", "three"};
        for (int i = 0; i < at.length; i++) {
            Rectangle ink = f.get(at[i]).inkBounds();
            Rectangle2D alone = boxes(s, List.of(word[i])).get(0);
            assertThat(ink).as("frame " + at[i] + " shows \"" + word[i] + "\" alone").isNotNull();
            assertThat(grown(alone, 2).contains(ink)).as("frame " + at[i] + ": " + ink + " inside " + alone).isTrue();
        }
        assertThat(f.get(17).inkBounds().width).as("\"three\" is wider than \"one\"")
                .isGreaterThan(f.get(7).inkBounds().width + 5);
        assertThat(f.get(7).count(new Rectangle(0, 0, W, H), CaptionSamples.YELLOW)).as("in the word colour").isPositive();
        assertThat(f.get(2).inkBounds()).isNull();
    }

    @Test
    void classicProgressiveShowsWordsOnceSaid() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC_PROGRESSIVE);
        List<Frame> f = frames(s);
        List<Rectangle2D> box = boxes(s, WORDS);
        Frame first = f.get(7);
        assertThat(first.ink(box.get(0))).isPositive();
        assertThat(first.ink(box.get(1)) + first.ink(box.get(2))).as("later words not yet").isZero();
        Frame second = f.get(12);
        assertThat(second.count(box.get(0), CaptionSamples.WHITE)).isPositive();
        assertThat(second.count(box.get(1), CaptionSamples.YELLOW)).as("the word being said").isPositive();
        assertThat(second.count(box.get(0), CaptionSamples.YELLOW)).isZero();
        assertThat(second.ink(box.get(2))).isZero();
        Frame held = f.get(22);
        assertThat(held.ink(box.get(2))).isPositive();
        assertThat(held.count(new Rectangle(0, 0, W, H), CaptionSamples.YELLOW)).as("no highlight after the words").isZero();
        assertThat(f.get(2).inkBounds()).isNull();
    }

    @Test
    void classicHighlightsTheWordBeingSaidAndShowsTheLineAroundIt() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC);
        List<Frame> f = frames(s);
        List<Rectangle2D> box = boxes(s, WORDS);
        Frame two = f.get(12);
        assertThat(two.count(box.get(1), CaptionSamples.YELLOW)).isPositive();
        assertThat(two.count(box.get(0), CaptionSamples.YELLOW) + two.count(box.get(2), CaptionSamples.YELLOW)).isZero();
        assertThat(two.count(box.get(0), CaptionSamples.WHITE)).isPositive();
        assertThat(two.count(box.get(2), CaptionSamples.WHITE)).isPositive();
        assertThat(f.get(22).count(new Rectangle(0, 0, W, H), CaptionSamples.YELLOW)).isZero();
        assertThat(f.get(22).ink(box.get(0))).isPositive();
    }

    @Test
    void boxedLineSitsOnABox() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.BOXED_LINE);
        List<Frame> f = frames(s);
        List<Rectangle2D> box = boxes(s, WORDS);
        Rectangle2D line = box.get(0).createUnion(box.get(2));
        Frame held = f.get(22);
        assertThat(held.count(line, CaptionSamples.RED)).as("the box behind the whole line").isGreaterThan((int) (line.getWidth() * line.getHeight() / 2));
        assertThat(held.count(line, CaptionSamples.WHITE)).isPositive();
        assertThat(f.get(12).count(box.get(1), CaptionSamples.YELLOW)).isPositive();
        // Padding around the words, and rounded corners: the box's corner pixels are not filled.
        Rectangle ink = held.inkBounds();
        assertThat(ink.x).isLessThan((int) line.getX() - 2);
        assertThat(held.alpha(ink.x, ink.y)).isLessThan(255);
    }

    @Test
    void allCapsDrawsCapitals() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC);
        Captions lower = captions(CaptionSamples.allCaps(s), cue(0, 0.5, 1, "abc", "xyz"));
        Captions upper = captions(s, cue(0, 0.5, 1, "ABC", "XYZ"));
        Captions plain = captions(s, cue(0, 0.5, 1, "abc", "xyz"));
        List<Frame> a = decode(draw(lower, OUT, 0, 10), OUT);
        List<Frame> b = decode(draw(upper, OUT, 0, 10), OUT);
        List<Frame> c = decode(draw(plain, OUT, 0, 10), OUT);
        for (int i = 0; i < 10; i++) {
            assertThat(Arrays.equals(a.get(i).argb(), b.get(i).argb())).as("frame " + i).isTrue();
        }
        assertThat(Arrays.equals(a.get(2).argb(), c.get(2).argb())).isFalse();
    }

    /** The ink of "one two three" (held, no highlight) placed as {@code p} says. */
    Rectangle placed(SubtitleSettings.CaptionPlacement p) throws Exception {
        List<Frame> f = frames(CaptionSamples.with(settings(CaptionStyle.CLASSIC), p));
        Rectangle ink = f.get(22).inkBounds();
        assertThat(ink).isNotNull();
        return ink;
    }

    @Test
    void placementsPutTheBlockWhereTheySay() throws Exception {
        double line = 20 * 1.21; // Inter's line at 20 px
        Rectangle bottom = placed(CaptionSamples.placement("bottom-center"));
        assertThat(bottom.y + bottom.height).isBetween(H - 9 - (int) line / 2, H - 9);
        assertThat(bottom.y).isGreaterThan(H - 9 - (int) line - 1);
        assertThat(bottom.getCenterX()).isBetween(W / 2.0 - 3, W / 2.0 + 3);
        Rectangle top = placed(CaptionSamples.placement("top-center"));
        assertThat(top.y).isBetween(9, 9 + (int) line / 2);
        assertThat(top.getCenterX()).isBetween(W / 2.0 - 3, W / 2.0 + 3);
        // Halfway between the top position and the centred one, and likewise below the centre.
        Rectangle centre = placed(CaptionSamples.placement("center-center"));
        Rectangle midTop = placed(CaptionSamples.placement("mid-top-center"));
        Rectangle midBottom = placed(CaptionSamples.placement("mid-bottom-center"));
        assertThat(midTop.y).isBetween((top.y + centre.y) / 2 - 1, (top.y + centre.y) / 2 + 1);
        assertThat(midBottom.y).isBetween((bottom.y + centre.y) / 2 - 1, (bottom.y + centre.y) / 2 + 1);
        assertThat(centre.getCenterY()).isBetween(H / 2.0 - 4, H / 2.0 + 4);
        Rectangle left = placed(CaptionSamples.placement("bottom-left"));
        assertThat(left.x).isBetween(16, 19);
        Rectangle custom = placed(CaptionSamples.custom(20, 30));
        assertThat(custom.x).isBetween(20, 23);
        assertThat(custom.y).isBetween(30, 30 + (int) line / 2);
    }

    @Test
    void outlineAndShadowSurroundTheLetters() throws Exception {
        SubtitleSettings s = CaptionSamples.shadow(CaptionSamples.outline(CaptionSamples.colours(
                settings(CaptionStyle.CLASSIC), Color.WHITE, Color.WHITE, CaptionSamples.RED), CaptionSamples.GREEN, 2),
                CaptionSamples.BLUE, 3);
        List<Frame> f = frames(s);
        Frame held = f.get(22);
        Rectangle all = new Rectangle(0, 0, W, H);
        int white = held.count(all, Color.WHITE);
        int green = held.count(all, CaptionSamples.GREEN);
        int blue = held.count(all, CaptionSamples.BLUE);
        assertThat(white).isPositive();
        assertThat(green).as("an outline around the letters").isGreaterThan(white / 3);
        assertThat(blue).as("a shadow").isPositive();
        // Every white pixel has outline within 3 px to its left or right edge of the run; check one row through a letter.
        Rectangle ink = held.inkBounds();
        Rectangle plain = frames(settings(CaptionStyle.CLASSIC)).get(22).inkBounds();
        assertThat(ink.x).as("the outline reaches out").isLessThan(plain.x);
        assertThat(ink.y + ink.height).as("the shadow reaches down").isGreaterThan(plain.y + plain.height + 2);
        // Transparent elsewhere.
        Rectangle2D around = grown(ink, 1);
        int outside = held.ink(all) - held.ink(around);
        assertThat(outside).isZero();
        assertThat(held.ink(new Rectangle(0, 0, W, H / 2))).isZero();
    }

    @Test
    void aLineTooWideWrapsOntoTwoBalancedLines() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC);
        List<String> words = List.of("this", "caption", "is", "far", "too", "wide", "for", "one", "line");
        List<Rectangle2D> box = boxes(s, words);
        assertThat(box.get(0).getY()).isLessThan(box.get(8).getY());
        double top = box.stream().filter(b -> b.getY() == box.get(0).getY()).mapToDouble(Rectangle2D::getMaxX).max().orElseThrow()
                - box.get(0).getX();
        double bottom = box.get(8).getMaxX() - box.stream().filter(b -> b.getY() == box.get(8).getY())
                .mapToDouble(Rectangle2D::getX).min().orElseThrow();
        assertThat(Math.abs(top - bottom)).as("about equal lines").isLessThan(60);
        Rectangle ink = decode(draw(captions(s, cue(0, 0.1, 1, words.toArray(String[]::new))), OUT, 0, 10), OUT)
                .get(5).inkBounds();
        assertThat(ink.height).isGreaterThan(30);
        assertThat(ink.x).isGreaterThanOrEqualTo(16);
        assertThat(ink.x + ink.width).isLessThanOrEqualTo(W - 16);
        assertThat(ink.y + ink.height).isLessThanOrEqualTo(H - 9);
    }

    @Test
    void looksChangeOnTheExactFramesAtNtscRates() throws Exception {
        Output ntsc = new Output(W, H, new Fps(30000, 1001), Quality.LOW, false);
        SubtitleSettings s = settings(CaptionStyle.CLASSIC);
        // Shown 1.0-2.0 s: frames 30 to 59 (29.97 and 59.94 round up).
        CaptionLayer layer = draw(captions(s, cue(1, 0.5, 2, "a", "b")), ntsc, 0, 90);
        assertThat(layer.frames()).isEqualTo(90);
        List<Frame> f = decode(layer, ntsc);
        assertThat(f.size()).isGreaterThanOrEqualTo(90);
        for (int i = 0; i < 90; i++) {
            boolean shown = f.get(i).inkBounds() != null;
            assertThat(shown).as("frame " + i).isEqualTo(i >= 30 && i < 60);
        }
        // "a" said in frames 30-44, "b" 45-59 (1.5 s = frame 44.96).
        List<Rectangle2D> box = CaptionPainter.create(s, W, H, FONTS, null).layout(List.of("a", "b")).boxes();
        assertThat(f.get(44).count(box.get(0), CaptionSamples.YELLOW)).isPositive();
        assertThat(f.get(45).count(box.get(1), CaptionSamples.YELLOW)).isPositive();
        assertThat(f.get(45).count(box.get(0), CaptionSamples.YELLOW)).isZero();
    }

    @Test
    void theListCoversTheRangeAndDrawsEachLookOnce() throws Exception {
        SubtitleSettings same = CaptionSamples.colours(settings(CaptionStyle.CLASSIC), Color.WHITE, Color.WHITE,
                CaptionSamples.RED);
        Captions c = captions(same, cue(0.5, 0.2, 1, "again"), cue(2, 0.2, 3, "again"));
        CaptionLayer layer = draw(c, OUT, 0, 40);
        assertThat(layer.pictures()).as("blank + \"again\": no highlight, one look a cue").isEqualTo(2);
        assertThat(layer.warnings()).isEmpty();
        assertThat(Files.list(layer.list().getParent()).filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(2);
        List<String> lines = Files.readAllLines(layer.list());
        assertThat(lines.get(0)).isEqualTo("ffconcat version 1.0");
        double total = lines.stream().filter(l -> l.startsWith("duration ")).mapToDouble(l -> Double.parseDouble(l.substring(9))).sum();
        assertThat(total).isEqualTo(4.0);
        List<String> files = lines.stream().filter(l -> l.startsWith("file ")).toList();
        assertThat(files).hasSize(6); // blank, again, blank, again, blank, and the last repeated
        assertThat(files.get(5)).isEqualTo(files.get(4));

        // With a highlight: each word said is a look of its own, the line around the words another.
        CaptionLayer highlighted = draw(captions(settings(CaptionStyle.CLASSIC), cue(0.5, 0.5, 2.5, "one", "two",
                "three")), OUT, 0, 30);
        assertThat(highlighted.pictures()).isEqualTo(5);
    }

    @Test
    void aRangeStartsAtItsFirstFrame() throws Exception {
        SubtitleSettings s = settings(CaptionStyle.BOXED_WORD);
        CaptionLayer layer = draw(captions(s, cue(0.5, 0.5, 2.5, "one", "two", "three")), OUT, 10, 20);
        assertThat(layer.frames()).isEqualTo(10);
        List<Frame> f = decode(layer, OUT);
        List<Rectangle2D> box = boxes(s, WORDS);
        assertThat(f.get(2).count(box.get(1), CaptionSamples.RED)).as("movie frame 12: \"two\"").isGreaterThan(30);
        assertThat(f.get(7).count(box.get(2), CaptionSamples.RED)).as("movie frame 17: \"three\"").isGreaterThan(30);
    }

    @Test
    void aShortSilenceKeepsTheHighlightALongerOneDropsIt() {
        SubtitleSettings s = settings(CaptionStyle.CLASSIC);
        // "a" 0.0-0.3, "b" from 0.4 (0.1 s later), "c" from 1.0 (0.4 s after "b" ends at 0.6).
        Captions c = new Captions(s, null, List.of(new Cue(0, 1.5, List.of(
                new CaptionWord("a", 0, 0.3), new CaptionWord("b", 0.4, 0.6),
                new CaptionWord("c", 1.0, 1.2)))));
        List<CaptionTrack.Look> looks = CaptionTrack.looks(c, OUT.fps(), 0, 15);
        assertThat(looks.subList(0, 4)).allMatch(l -> l.current() == 0); // frames 0-3: "a", bridged to "b" at 0.4
        assertThat(looks.subList(4, 6)).allMatch(l -> l.current() == 1);
        assertThat(looks.subList(6, 10)).as("0.4 s of silence: no highlight").allMatch(l -> l.current() == -1 && l.to() == 3);
        assertThat(looks.subList(10, 12)).allMatch(l -> l.current() == 2);
        assertThat(looks.subList(12, 15)).allMatch(l -> l.current() == -1);
    }

    @Test
    void ofOverlappingCuesTheLaterShows() {
        SubtitleSettings s = CaptionSamples.colours(settings(CaptionStyle.CLASSIC), Color.WHITE, Color.WHITE, Color.WHITE);
        Captions c = captions(s, cue(0, 0.5, 2, "first"), cue(1, 0.5, 1.5, "second"));
        List<CaptionTrack.Look> looks = CaptionTrack.looks(c, OUT.fps(), 0, 25);
        assertThat(looks.get(5).words()).containsExactly("first");
        assertThat(looks.get(12).words()).containsExactly("second");
        assertThat(looks.get(17).words()).as("the earlier shows again once the later ends").containsExactly("first");
        assertThat(looks.get(22)).isEqualTo(CaptionTrack.Look.BLANK);
    }
}
