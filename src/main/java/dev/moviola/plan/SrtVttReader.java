package dev.moviola.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SubRip (SRT) and WebVTT entries as cues; WebVTT timestamp tags ({@code <00:00:01.500>}) time the words after them. */
final class SrtVttReader {
    private static final String TIME = "(?:(\\d+):)?(\\d{1,2}):(\\d{1,2})(?:[,.](\\d{1,3}))?";
    private static final Pattern TIMING = Pattern.compile("\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s.*)?");
    private static final Pattern STAMP = Pattern.compile("<" + TIME + ">");
    private static final Pattern NUMBER = Pattern.compile("\\s*\\d+\\s*");

    private SrtVttReader() {
    }

    static List<Cue> srt(List<String> lines) {
        List<Cue> cues = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            if (NUMBER.matcher(lines.get(i)).matches() && i + 1 < lines.size() && lines.get(i + 1).contains("-->")) {
                i++;
            } else if (!lines.get(i).contains("-->")) {
                throw new CaptionFileException(i + 1, "expected a caption number or a time line like "
                        + "\"00:00:01,000 --> 00:00:02,500\", found " + CaptionFiles.clip(lines.get(i)));
            }
            double[] t = timing(lines.get(i), i + 1, "00:00:01,000 --> 00:00:02,500");
            i++;
            StringBuilder text = new StringBuilder();
            // Text runs to a blank line; an entry number followed by a time line, or a time line, also starts the next
            // entry, so a file missing its blank lines still reads.
            while (i < lines.size() && !lines.get(i).isBlank() && !TIMING.matcher(lines.get(i)).matches()
                    && !(NUMBER.matcher(lines.get(i)).matches() && i + 1 < lines.size()
                            && TIMING.matcher(lines.get(i + 1)).matches())) {
                text.append(lines.get(i)).append('\n');
                i++;
            }
            add(cues, t, List.of(new TimedRuns.Run(CaptionFiles.plain(text.toString()), t[0], t[1])));
        }
        return cues;
    }

    static List<Cue> vtt(List<String> lines) {
        int i = 0;
        while (i < lines.size() - 1 && lines.get(i).isBlank()) {
            i++;
        }
        String first = lines.get(i);
        if (!first.startsWith("WEBVTT") || first.length() > 6 && first.charAt(6) != ' ' && first.charAt(6) != '\t') {
            throw new CaptionFileException(i + 1, "a WebVTT file starts with the line WEBVTT, found "
                    + CaptionFiles.clip(first));
        }
        i++;
        while (i < lines.size() && !lines.get(i).isBlank()) {
            i++; // the header
        }
        List<Cue> cues = new ArrayList<>();
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            String line = lines.get(i);
            if (!line.contains("-->") && isBlockOtherThanCue(line)) {
                while (i < lines.size() && !lines.get(i).isBlank()) {
                    i++;
                }
                continue;
            }
            if (!line.contains("-->")) {
                i++; // the cue's identifier
                if (i >= lines.size() || !lines.get(i).contains("-->")) {
                    throw new CaptionFileException(Math.min(i, lines.size() - 1) + 1, "expected a cue time line like "
                            + "\"00:01.000 --> 00:04.000\" after the cue identifier " + CaptionFiles.clip(line));
                }
            }
            double[] t = timing(lines.get(i), i + 1, "00:01.000 --> 00:04.000");
            i++;
            StringBuilder text = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                text.append(lines.get(i)).append('\n');
                i++;
            }
            add(cues, t, vttRuns(text.toString(), t[0], t[1]));
        }
        return cues;
    }

    private static boolean isBlockOtherThanCue(String line) {
        String word = line.strip().split("\\s", 2)[0].toUpperCase(Locale.ROOT);
        return word.equals("NOTE") || word.equals("STYLE") || word.equals("REGION");
    }

    /** Text before the first timestamp tag starts with the cue; each tag starts the text after it. */
    private static List<TimedRuns.Run> vttRuns(String text, double start, double end) {
        List<TimedRuns.Run> runs = new ArrayList<>();
        Matcher m = STAMP.matcher(text);
        double from = start;
        int at = 0;
        while (m.find()) {
            double t = Math.max(from, Math.min(end, CaptionFiles.seconds(m.group(1), m.group(2), m.group(3), m.group(4))));
            runs.add(new TimedRuns.Run(CaptionFiles.plain(text.substring(at, m.start())), from, t));
            from = t;
            at = m.end();
        }
        runs.add(new TimedRuns.Run(CaptionFiles.plain(text.substring(at)), from, end));
        return runs;
    }

    private static double[] timing(String line, int number, String example) {
        Matcher m = TIMING.matcher(line);
        if (!m.matches()) {
            throw new CaptionFileException(number, "expected a time line like \"" + example + "\", found "
                    + CaptionFiles.clip(line));
        }
        double start = CaptionFiles.seconds(m.group(1), m.group(2), m.group(3), m.group(4));
        double end = CaptionFiles.seconds(m.group(5), m.group(6), m.group(7), m.group(8));
        if (end < start) {
            throw new CaptionFileException(number, "the caption ends before it starts: " + CaptionFiles.clip(line));
        }
        return new double[] {start, end};
    }

    private static void add(List<Cue> cues, double[] t, List<TimedRuns.Run> runs) {
        Cue c = t[1] > t[0] ? CaptionFiles.cue(t[0], t[1], runs) : null; // a zero-length entry never shows
        if (c != null) {
            cues.add(c);
        }
    }
}
