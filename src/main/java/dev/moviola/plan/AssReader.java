package dev.moviola.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Dialogue} lines of an ASS/SSA file's {@code [Events]} section as cues. Override blocks {@code {...}} are
 * dropped, except karaoke tags ({@code \k}, {@code \K}, {@code \kf}, {@code \ko}: centiseconds), which time the words
 * exactly; {@code \N} and {@code \n} break lines (a space here: a cue is one caption), {@code \h} is a hard space;
 * drawings ({@code \p1} … {@code \p0}) are not text.
 */
final class AssReader {
    /** The fields of a Dialogue line when the section has no Format line. */
    private static final List<String> DEFAULT_FIELDS =
            List.of("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text");
    private static final Pattern TIME = Pattern.compile("\\s*(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,3}))?\\s*");
    private static final Pattern KARAOKE = Pattern.compile("(?:kf|ko|k|K)(\\d+(?:\\.\\d+)?)");
    private static final Pattern DRAWING = Pattern.compile("p(\\d+)");

    private AssReader() {
    }

    static List<Cue> read(List<String> lines) {
        List<Cue> cues = new ArrayList<>();
        String section = "";
        List<String> fields = DEFAULT_FIELDS;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.toLowerCase(Locale.ROOT);
                continue;
            }
            if (!section.equals("[events]")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("format:")) {
                fields = format(line.substring(7), i + 1);
            } else if (lower.startsWith("dialogue:")) {
                Cue c = dialogue(line.substring(9), fields, i + 1);
                if (c != null) {
                    cues.add(c);
                }
            }
        }
        return cues;
    }

    private static List<String> format(String spec, int number) {
        List<String> fields = new ArrayList<>();
        for (String f : spec.split(",")) {
            fields.add(f.strip().toLowerCase(Locale.ROOT));
        }
        if (!fields.contains("start") || !fields.contains("end") || !fields.get(fields.size() - 1).equals("text")) {
            throw new CaptionFileException(number, "the [Events] Format line must name Start and End, and end with "
                    + "Text, found " + CaptionFiles.clip(spec));
        }
        return fields;
    }

    private static Cue dialogue(String rest, List<String> fields, int number) {
        // Text is the last field and may itself hold commas.
        String[] parts = rest.stripLeading().split(",", fields.size());
        if (parts.length < fields.size()) {
            throw new CaptionFileException(number, "a Dialogue line needs " + fields.size() + " comma-separated fields ("
                    + String.join(", ", fields) + "), found " + parts.length);
        }
        double start = time(parts[fields.indexOf("start")], number);
        double end = time(parts[fields.indexOf("end")], number);
        if (end < start) {
            throw new CaptionFileException(number, "the Dialogue ends before it starts");
        }
        return end > start ? CaptionFiles.cue(start, end, runs(parts[parts.length - 1], start, end)) : null;
    }

    private static double time(String field, int number) {
        Matcher m = TIME.matcher(field);
        if (!m.matches()) {
            throw new CaptionFileException(number, "expected a time like 0:00:01.50, found " + CaptionFiles.clip(field));
        }
        return CaptionFiles.seconds(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /**
     * Without karaoke tags, the whole text over the whole line. With them, each tag starts a syllable lasting its
     * duration after the previous one (from the line's start); text before the first tag shows at once (no time of
     * its own); syllables past the line's end are cut to it.
     */
    static List<TimedRuns.Run> runs(String text, double start, double end) {
        List<String> pieces = new ArrayList<>();
        List<Double> durations = new ArrayList<>(); // NaN: text before any karaoke tag
        StringBuilder piece = new StringBuilder();
        double duration = Double.NaN;
        boolean karaoke = false;
        boolean drawing = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '{' ? text.indexOf('}', i) : -1;
            if (close > 0) {
                for (String tag : text.substring(i + 1, close).split("\\\\")) {
                    Matcher k = KARAOKE.matcher(tag.strip());
                    Matcher p = DRAWING.matcher(tag.strip());
                    if (k.matches()) {
                        pieces.add(piece.toString());
                        durations.add(duration);
                        piece.setLength(0);
                        duration = Double.parseDouble(k.group(1)) / 100.0;
                        karaoke = true;
                    } else if (p.matches()) {
                        drawing = Integer.parseInt(p.group(1)) > 0;
                    }
                }
                i = close + 1;
            } else if (c == '\\' && i + 1 < text.length() && "Nnh".indexOf(text.charAt(i + 1)) >= 0) {
                piece.append(text.charAt(i + 1) == 'h' ? '\u00A0' : ' ');
                i += 2;
            } else {
                if (!drawing) {
                    piece.append(c);
                }
                i++;
            }
        }
        pieces.add(piece.toString());
        durations.add(duration);
        if (!karaoke) {
            return List.of(new TimedRuns.Run(String.join("", pieces), start, end));
        }
        List<TimedRuns.Run> runs = new ArrayList<>();
        double t = start;
        for (int j = 0; j < pieces.size(); j++) {
            double d = Double.isNaN(durations.get(j)) ? 0 : durations.get(j);
            runs.add(new TimedRuns.Run(pieces.get(j), Math.min(t, end), Math.min(t + d, end)));
            t += d;
        }
        return runs;
    }
}
