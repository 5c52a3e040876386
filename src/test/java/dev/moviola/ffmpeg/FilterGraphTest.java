package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.ffmpeg.FilterGraph.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterGraphTest {
    @Test
    void escapesForTheOptionParserThenForTheGraphParser() {
        // ffmpeg-filters(1): "this is a 'string': may contain one, or more, special characters"
        assertThat(FilterGraph.escape("this is a 'string': may contain one, or more, special characters"))
                .isEqualTo("this is a \\\\\\'string\\\\\\'\\\\: may contain one\\, or more\\, special characters");
        assertThat(FilterGraph.escape("[0:v];x")).isEqualTo("\\[0\\\\:v\\]\\;x");
        assertThat(FilterGraph.escape("a\\b")).isEqualTo("a\\\\\\\\b");
    }

    @Test
    void buildsChainsWithLabelsAndPlainNumbers() {
        FilterGraph g = new FilterGraph();
        String out = g.label("v");
        g.chain("0:v", List.of(Filter.of("scale", "w", 320, "h", 180.0), Filter.of("fade", "duration", 0.1),
                Filter.of("hflip")), out);
        g.chain(List.of(out, "1:v"), List.of(Filter.of("overlay", "enable", "between(t,1,2)")), g.label("v"));
        assertThat(g.toString()).isEqualTo("[0:v]scale=w=320:h=180,fade=duration=0.1,hflip[v0];\n"
                + "[v0][1:v]overlay=enable=between(t\\,1\\,2)[v1]");
        assertThat(FilterGraph.number(1e-7)).isEqualTo("0.0000001");
    }
}
