package dev.moviola.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as Prometheus documents it ("Exposition formats",
 * text-based format): what a scraper would accept, and more, so that a test fails on what a lenient one lets through.
 * No maintained Java parser of the format is on Maven Central (the Prometheus Java client only writes it), hence this.
 *
 * <p>Checked: line grammar ({@code # HELP}, {@code # TYPE}, comments, samples with labels and optional timestamp);
 * metric and label names; label value escapes ({@code \\ \" \n}) and nothing else escaped; values (floats, {@code NaN},
 * {@code +Inf}, {@code -Inf}); at most one HELP and one TYPE per family, TYPE before the family's first sample; each
 * family's samples in one group; no series twice; counters not negative; histograms with {@code _bucket} (an
 * {@code le} label), {@code _sum} and {@code _count} only, cumulative buckets ending at {@code le="+Inf"} equal to
 * {@code _count}; summaries with {@code quantile} labels, {@code _sum} and {@code _count}.
 */
public final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One line of values. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its TYPE (untyped when none was given), HELP and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** Thrown for anything the format does not allow, naming the line. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(int line, String message, String text) {
            super("line " + line + ": " + message + ": " + text);
        }
    }

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    public Map<String, Family> families() {
        return families;
    }

    /** Every sample of every family. */
    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        families.values().forEach(f -> all.addAll(f.samples()));
        return all;
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels} (pairs: name, value); 0 when none
     * (a counter not yet shown has counted nothing).
     */
    public double value(String name, String... labels) {
        double sum = 0;
        for (Sample s : samples()) {
            if (s.name().equals(name) && matches(s, labels)) {
                sum += s.value();
            }
        }
        return sum;
    }

    /** Whether some sample is named {@code name} with these labels. */
    public boolean has(String name, String... labels) {
        return samples().stream().anyMatch(s -> s.name().equals(name) && matches(s, labels));
    }

    private static boolean matches(Sample s, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Reads a whole exposition, or throws {@link Invalid}. */
    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new Invalid(0, "the exposition must end with a line feed", "");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] t = line.split("[ \t]+", 4);
                if (t.length >= 3 && (t[1].equals("HELP") || t[1].equals("TYPE"))) {
                    String name = t[2];
                    name(n, name, line);
                    if (t[1].equals("TYPE")) {
                        String type = t.length == 4 ? t[3].trim() : "";
                        if (!TYPES.contains(type)) {
                            throw new Invalid(n, "unknown type '" + type + "'", line);
                        }
                        if (types.put(name, type) != null) {
                            throw new Invalid(n, "a second TYPE for " + name, line);
                        }
                        if (samples.containsKey(name)) {
                            throw new Invalid(n, "TYPE after the family's first sample", line);
                        }
                    } else {
                        if (helps.put(name, t.length == 4 ? unescapeHelp(n, t[3], line) : "") != null) {
                            throw new Invalid(n, "a second HELP for " + name, line);
                        }
                    }
                }
                continue; // any other comment
            }
            Sample s = sample(n, line);
            String family = family(s.name(), types);
            if (!family.equals(current)) {
                if (current != null) {
                    closed.add(current);
                }
                if (closed.contains(family)) {
                    throw new Invalid(n, "samples of " + family + " are not in one group", line);
                }
                current = family;
            }
            if (!series.add(s.name() + new TreeMap<>(s.labels()))) {
                throw new Invalid(n, "the same series twice", line);
            }
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
        }
        Map<String, Family> out = new LinkedHashMap<>();
        for (var e : samples.entrySet()) {
            String type = types.getOrDefault(e.getKey(), "untyped");
            Family f = new Family(e.getKey(), type, helps.getOrDefault(e.getKey(), ""), List.copyOf(e.getValue()));
            check(f);
            out.put(f.name(), f);
        }
        return new PrometheusText(out);
    }

    /** The family a sample belongs to: a histogram's or summary's suffixes name their family. */
    private static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static void check(Family f) {
        switch (f.type()) {
            case "counter" -> f.samples().forEach(s -> {
                if (!s.name().equals(f.name()) || s.value() < 0 || Double.isNaN(s.value())) {
                    throw new Invalid(0, "a counter sample must be named as its family and not negative", s.toString());
                }
            });
            case "gauge", "untyped" -> f.samples().forEach(s -> {
                if (!s.name().equals(f.name())) {
                    throw new Invalid(0, "a sample of " + f.name() + " named otherwise", s.toString());
                }
            });
            case "histogram" -> histogram(f);
            case "summary" -> f.samples().forEach(s -> {
                boolean quantile = s.name().equals(f.name()) && s.labels().containsKey("quantile");
                if (!quantile && !s.name().equals(f.name() + "_sum") && !s.name().equals(f.name() + "_count")) {
                    throw new Invalid(0, "a summary has quantiles, _sum and _count only", s.toString());
                }
            });
            default -> throw new IllegalStateException(f.type());
        }
    }

    /** Each series of a histogram (its labels but le): buckets rising to +Inf, which equals _count; a _sum. */
    private static void histogram(Family f) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample s : f.samples()) {
            Map<String, String> key = new TreeMap<>(s.labels());
            if (s.name().equals(f.name() + "_bucket")) {
                String le = key.remove("le");
                if (le == null) {
                    throw new Invalid(0, "a bucket without le", s.toString());
                }
                buckets.computeIfAbsent(key, k -> new TreeMap<>()).put(number(0, le, s.toString()), s.value());
            } else if (s.name().equals(f.name() + "_count")) {
                counts.put(key, s.value());
            } else if (s.name().equals(f.name() + "_sum")) {
                sums.add(key);
            } else {
                throw new Invalid(0, "a histogram has _bucket, _sum and _count only", s.toString());
            }
        }
        if (!buckets.keySet().equals(counts.keySet()) || !sums.equals(counts.keySet())) {
            throw new Invalid(0, "every series of histogram " + f.name() + " needs buckets, _sum and _count", f.name());
        }
        buckets.forEach((key, b) -> {
            double previous = 0;
            for (double v : b.values()) {
                if (v < previous) {
                    throw new Invalid(0, "buckets of " + f.name() + key + " are not cumulative", b.toString());
                }
                previous = v;
            }
            if (b.lastKey() != Double.POSITIVE_INFINITY || b.lastEntry().getValue().doubleValue() != counts.get(key)) {
                throw new Invalid(0, "histogram " + f.name() + key + " must end at le=\"+Inf\" equal to _count",
                        b.toString());
            }
        });
    }

    private static void name(int n, String name, String line) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new Invalid(n, "not a metric name '" + name + "'", line);
        }
    }

    /** {@code name{labels} value [timestamp]}. */
    private static Sample sample(int n, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        String name = line.substring(0, i);
        name(n, name, line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new Invalid(n, "a label without '='", line);
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw new Invalid(n, "not a label name '" + label + "'", line);
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new Invalid(n, "a label value must be quoted", line);
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; ; j++) {
                    if (j >= line.length()) {
                        throw new Invalid(n, "an unclosed label value", line);
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char e = j + 1 < line.length() ? line.charAt(++j) : ' ';
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> throw new Invalid(n, "a label value escape other than \\\\, \\\" or \\n", line);
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw new Invalid(n, "label " + label + " twice", line);
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new Invalid(n, "expected ',' or '}' after a label", line);
                }
            }
        }
        String[] rest = line.substring(i).trim().split("[ \t]+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty() || i >= line.length()
                || (line.charAt(i) != ' ' && line.charAt(i) != '\t')) {
            throw new Invalid(n, "expected a value and an optional timestamp after the name and labels", line);
        }
        double value = number(n, rest[0], line);
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new Invalid(n, "a timestamp must be an integer of milliseconds", line);
        }
        return new Sample(name, Map.copyOf(labels), value);
    }

    /** A Go ParseFloat number: decimal or exponent form, NaN, +Inf, -Inf. */
    private static double number(int n, String s, String line) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw new Invalid(n, "not a number '" + s + "'", line);
                }
                return Double.parseDouble(s);
        }
    }

    private static String unescapeHelp(int n, String s, String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char e = i + 1 < s.length() ? s.charAt(++i) : ' ';
                if (e == '\\') {
                    b.append('\\');
                } else if (e == 'n') {
                    b.append('\n');
                } else {
                    throw new Invalid(n, "a HELP escape other than \\\\ or \\n", line);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
