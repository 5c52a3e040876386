package dev.moviola.ffmpeg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ffmpeg filter graph. This is the one place where values are escaped for it: every option value
 * goes through {@link #escape}, so nothing a document contains can change the graph's structure.
 */
public final class FilterGraph {
    private final List<String> chains = new ArrayList<>();
    private int labels;

    /** A fresh, unique pad label such as {@code [v3]}. */
    public String label(String prefix) {
        return prefix + (labels++);
    }

    /** Adds {@code [in…]f1,f2,…[out]}. */
    public void chain(List<String> inputs, List<Filter> filters, String output) {
        chain(inputs, filters, List.of(output));
    }

    /** Adds {@code [in…]f1,f2,…[out1][out2]…} for filters with several outputs ({@code split}). */
    public void chain(List<String> inputs, List<Filter> filters, List<String> outputs) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one filter");
        }
        StringBuilder sb = new StringBuilder();
        for (String in : inputs) {
            sb.append('[').append(in).append(']');
        }
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(filters.get(i));
        }
        for (String out : outputs) {
            sb.append('[').append(out).append(']');
        }
        chains.add(sb.toString());
    }

    public void chain(String input, List<Filter> filters, String output) {
        chain(input == null ? List.of() : List.of(input), filters, output);
    }

    public boolean isEmpty() {
        return chains.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(";\n", chains);
    }

    /**
     * Escapes a value for an option inside a filter graph: first for the filter's option parser
     * ({@code \ ' :}), then for the graph parser ({@code \ ' [ ] , ;}), as ffmpeg-filters(1) "Notes on
     * filtergraph escaping" describes.
     */
    public static String escape(String value) {
        StringBuilder option = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '\'' || c == ':') {
                option.append('\\');
            }
            option.append(c);
        }
        StringBuilder graph = new StringBuilder();
        for (char c : option.toString().toCharArray()) {
            if ("\\'[],;".indexOf(c) >= 0) {
                graph.append('\\');
            }
            graph.append(c);
        }
        return graph.toString();
    }

    /** A number as plain decimal text (never exponent notation, which ffmpeg's parsers differ on). */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d).setScale(9, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** One filter with named options: {@code name=key=value:key=value}. */
    public record Filter(String name, List<String> options) {

        /** @param keyValues alternating option names and values (String or Number) */
        public static Filter of(String name, Object... keyValues) {
            if (keyValues.length % 2 != 0) {
                throw new IllegalArgumentException("options come in name/value pairs");
            }
            List<String> opts = new ArrayList<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                Object v = keyValues[i + 1];
                String text = v instanceof Number n ? number(n.doubleValue()) : escape(String.valueOf(v));
                opts.add(keyValues[i] + "=" + text);
            }
            return new Filter(name, List.copyOf(opts));
        }

        @Override
        public String toString() {
            return options.isEmpty() ? name : name + "=" + String.join(":", options);
        }
    }
}
