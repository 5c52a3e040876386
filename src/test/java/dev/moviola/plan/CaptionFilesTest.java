package dev.moviola.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SRT, WebVTT and ASS files read into cues: times, words, word timing, markup, and errors with their line. */
class CaptionFilesTest {
    @TempDir
    Path dir;

    static List<String> texts(Cue c) {
        return c.words().stream().map(CaptionWord::text).toList();
    }

    @Test
    void srtEntriesBecomeCuesWithWordsTimedByLength() {
        List<Cue> cues = CaptionFiles.parse("""
                1
                00:00:01,000 --> 00:00:03,000
                Hi <i>there</i>

                2
                00:00:04,500 --> 00:00:05,500
                second
                line
                """);
        assertThat(cues).hasSize(2);
        Cue first = cues.get(0);
        assertThat(first.start()).isEqualTo(1.0);
        assertThat(first.end()).isEqualTo(3.0);
        assertThat(texts(first)).containsExactly("Hi", "there");
        // 2 letters + 5 letters share 2 s: "Hi" 2/7 of it, "there" the rest, back to back.
        assertThat(first.words().get(0).start()).isEqualTo(1.0);
        assertThat(first.words().get(0).end()).isCloseTo(1 + 2 * 2.0 / 7, within(1e-9));
        assertThat(first.words().get(1).start()).isCloseTo(1 + 2 * 2.0 / 7, within(1e-9));
        assertThat(first.words().get(1).end()).isCloseTo(3.0, within(1e-9));
        assertThat(texts(cues.get(1))).containsExactly("second", "line");
        assertThat(cues.get(1).start()).isEqualTo(4.5);
    }

    @Test
    void crlfBomMissingBlankLinesAndMarkupAreTolerated() {
        String srt = "\uFEFF1\r\n00:00:00,500 --> 00:00:01,000\r\n{\\an8}<font color=\"red\">Tom &amp; Jerry</font>\r\n"
                + "2\r\n00:00:02,000 --> 00:00:02,250\r\nnext\r\n";
        assertThat(CaptionFiles.detect(srt)).isEqualTo(CaptionFiles.Format.SRT);
        List<Cue> cues = CaptionFiles.parse(srt);
        assertThat(cues).hasSize(2);
        assertThat(texts(cues.get(0))).containsExactly("Tom", "&", "Jerry");
        assertThat(cues.get(1).end()).isEqualTo(2.25);
    }

    @Test
    void webVttWithHeaderNotesIdentifiersSettingsAndTimestampTags() {
        String vtt = """
                WEBVTT - a title
                Kind: captions

                NOTE this is
                a comment

                STYLE
                ::cue { color: red }

                intro
                00:01.000 --> 00:03.000 align:center line:90%
                <v Bob>Hello <00:00:02.000>big world</v>

                01:00:00.000 --> 01:00:01.000
                late
                """;
        assertThat(CaptionFiles.detect(vtt)).isEqualTo(CaptionFiles.Format.WEBVTT);
        List<Cue> cues = CaptionFiles.parse(vtt);
        assertThat(cues).hasSize(2);
        Cue c = cues.get(0);
        assertThat(texts(c)).containsExactly("Hello", "big", "world");
        // The timestamp tag times what follows it: "Hello" 1-2 s, "big world" share 2-3 s by length.
        assertThat(c.words().get(0).start()).isEqualTo(1.0);
        assertThat(c.words().get(0).end()).isCloseTo(2.0, within(1e-9));
        assertThat(c.words().get(1).start()).isCloseTo(2.0, within(1e-9));
        assertThat(c.words().get(1).end()).isCloseTo(2 + 3.0 / 8, within(1e-9));
        assertThat(c.words().get(2).end()).isCloseTo(3.0, within(1e-9));
        assertThat(cues.get(1).start()).isEqualTo(3600.0);
    }

    static final String ASS_HEAD = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 640

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour
            Style: Default,Arial,20,&H00FFFFFF

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            """;

    @Test
    void assKaraokeTagsTimeEachWordExactly() {
        List<Cue> cues = CaptionFiles.parse(ASS_HEAD
                + "Comment: 0,0:00:00.00,0:00:09.00,Default,,0,0,0,,not shown\n"
                + "Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\k50}Hel{\\kf30}lo, {\\k20}{\\ko40\\c&H0000FF&}world\n");
        assertThat(cues).hasSize(1);
        Cue c = cues.get(0);
        assertThat(texts(c)).containsExactly("Hello,", "world");
        // Syllables follow one another from the line's start: Hel 1.0-1.5, "lo, " 1.5-1.8, a 0.2 s pause, world 2.0-2.4.
        assertThat(c.words().get(0).start()).isEqualTo(1.0);
        assertThat(c.words().get(0).end()).isCloseTo(1.8, within(1e-9));
        assertThat(c.words().get(1).start()).isCloseTo(2.0, within(1e-9));
        assertThat(c.words().get(1).end()).isCloseTo(2.4, within(1e-9));
        assertThat(c.end()).isEqualTo(3.0);
    }

    @Test
    void assWithoutKaraokeDropsOverridesAndBreaksLines() {
        List<Cue> cues = CaptionFiles.parse(ASS_HEAD
                + "Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,{\\an8\\b1}one,\\Ntwo{\\p1}m 0 0 l 10 0{\\p0}\\hthree\n"
                + "Dialogue: 0,0:00:02.00,0:00:02.50,Default,,0,0,0,,{\\i1}earlier{\\i0}\n");
        assertThat(cues).hasSize(2);
        assertThat(texts(cues.get(0))).as("sorted by start").containsExactly("earlier");
        assertThat(texts(cues.get(1))).containsExactly("one,", "two\u00A0three");
        assertThat(cues.get(1).words().get(1).end()).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void assWithItsOwnFieldOrder() {
        List<Cue> cues = CaptionFiles.parse("""
                [Events]
                Format: Start, End, Text
                Dialogue: 0:00:00.10,0:00:00.90,a, b
                """);
        assertThat(texts(cues.get(0))).containsExactly("a,", "b");
        assertThat(cues.get(0).start()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void readsAFileWithABom() throws Exception {
        Path f = dir.resolve("c.vtt");
        Files.write(f, ("\uFEFFWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nhello world\r\n").getBytes(StandardCharsets.UTF_8));
        List<Cue> cues = CaptionFiles.read(f);
        assertThat(texts(cues.get(0))).containsExactly("hello", "world");
    }

    @Test
    void badInputNamesItsLine() {
        assertThatThrownBy(() -> CaptionFiles.parse("1\n00:00:01,000 --> 00:00:02,000\nok\n\nhello\n"))
                .isInstanceOf(CaptionFileException.class)
                .hasMessageStartingWith("line 5: expected a caption number or a time line")
                .extracting(e -> ((CaptionFileException) e).line()).isEqualTo(5);
        assertThatThrownBy(() -> CaptionFiles.parse("1\n00:00:01,000 --> 00:00:0x,000\nok\n"))
                .isInstanceOf(CaptionFileException.class).hasMessageStartingWith("line 2: expected a time line");
        assertThatThrownBy(() -> CaptionFiles.parse("1\n00:00:03,000 --> 00:00:02,000\nok\n"))
                .hasMessageStartingWith("line 2: the caption ends before it starts");
        assertThatThrownBy(() -> CaptionFiles.parse("WEBVTT\n\nid\nnot a time\n"))
                .hasMessageStartingWith("line 4: expected a cue time line");
        assertThatThrownBy(() -> CaptionFiles.parse(ASS_HEAD + "Dialogue: 0,0:00:01.00,Default\n"))
                .hasMessageStartingWith("line 11: a Dialogue line needs 10 comma-separated fields");
        assertThatThrownBy(() -> CaptionFiles.parse(ASS_HEAD + "Dialogue: 0,0:00:01.00,soon,Default,,0,0,0,,x\n"))
                .hasMessageStartingWith("line 11: expected a time like 0:00:01.50");
        assertThatThrownBy(() -> CaptionFiles.parse("[Events]\nFormat: Start, Text, End\n"))
                .hasMessageStartingWith("line 2: the [Events] Format line");
        assertThatThrownBy(() -> CaptionFiles.parse("just some words\n"))
                .isInstanceOf(CaptionFileException.class).hasMessageContaining("not a caption file");
    }

    @Test
    void emptyAndZeroLengthEntriesShowNothing() {
        List<Cue> cues = CaptionFiles.parse("1\n00:00:01,000 --> 00:00:01,000\nnever\n\n2\n00:00:02,000 --> 00:00:03,000\n<i></i>\n");
        assertThat(cues).isEmpty();
    }
}
