package dev.moviola.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads caption files (SRT, WebVTT, ASS/SSA) into cues: each entry of the file is one cue, its text split into words
 * on whitespace. Word times come from the file when it has them (ASS karaoke tags, WebVTT timestamp tags); otherwise
 * an entry's time is shared among its words in proportion to their length ({@link TimedRuns}). Cues come back in order
 * of their start.
 */
public final class CaptionFiles {
    /** The caption formats read. */
    public enum Format { SRT, WEBVTT, ASS }

    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^>]*>");
    private static final Pattern ASS_BLOCK = Pattern.compile("\\{\\\\[^}]*}");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|nbsp|lrm|rlm|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");

    private CaptionFiles() {
    }

    /** Reads a caption file (UTF-8, with or without a byte-order mark). */
    public static List<Cue> read(Path file) throws IOException {
        // Malformed bytes become U+FFFD rather than an error: a caption file with one bad byte still reads.
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        return parse(text);
    }

    /** The cues of a caption file's text, its format found from the text itself. */
    public static List<Cue> parse(String text) {
        List<String> lines = lines(text);
        List<Cue> cues = switch (detect(text)) {
            case SRT -> SrtVttReader.srt(lines);
            case WEBVTT -> SrtVttReader.vtt(lines);
            case ASS -> AssReader.read(lines);
        };
        List<Cue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingDouble(Cue::start)); // stable: entries starting together keep file order
        return List.copyOf(sorted);
    }

    /**
     * The format of a caption file's text: a {@code WEBVTT} first line is WebVTT; an {@code [Script Info]} or
     * {@code [Events]} section or a {@code Dialogue:} line is ASS; a {@code -->} time line is SRT.
     */
    public static Format detect(String text) {
        List<String> lines = lines(text);
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.startsWith("WEBVTT")) {
            return Format.WEBVTT;
        }
        boolean arrow = false;
        for (String l : lines) {
            String t = l.strip().toLowerCase(Locale.ROOT);
            if (t.equals("[script info]") || t.equals("[events]") || t.startsWith("dialogue:")) {
                return Format.ASS;
            }
            arrow |= t.contains("-->");
        }
        if (arrow) {
            return Format.SRT;
        }
        throw new CaptionFileException(1, "not a caption file: expected SRT (numbered entries with time lines like "
                + "\"00:00:01,000 --> 00:00:02,500\"), WebVTT (starting with WEBVTT) or ASS (with [Script Info] and "
                + "[Events] sections)");
    }

    /** The lines of a text: byte-order mark dropped; CRLF, CR and LF all end a line. */
    static List<String> lines(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return List.of(t.split("\r\n|\r|\n", -1));
    }

    /** Markup of SRT/WebVTT text removed ({@code <i>}, {@code <c.red>}, {@code {\an8}}) and entities decoded. */
    static String plain(String text) {
        String s = ASS_BLOCK.matcher(TAG.matcher(text).replaceAll("")).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "nbsp" -> "\u00A0";
                case "lrm", "rlm" -> "";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Seconds from the parts of a time (hours may be null; the fraction is decimal: "5" is half a second). */
    static double seconds(String hours, String minutes, String secs, String fraction) {
        double t = (hours == null ? 0 : Long.parseLong(hours)) * 3600.0 + Integer.parseInt(minutes) * 60.0
                + Integer.parseInt(secs);
        return fraction == null || fraction.isEmpty() ? t : t + Double.parseDouble("0." + fraction);
    }

    /** A line shortened for an error message. */
    static String clip(String line) {
        String s = line.strip();
        return "\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
    }

    /** A cue of an entry, or null when the entry has no words. */
    static Cue cue(double start, double end, List<TimedRuns.Run> runs) {
        List<CaptionWord> words = TimedRuns.words(runs);
        return words.isEmpty() ? null : new Cue(start, end, words);
    }
}
