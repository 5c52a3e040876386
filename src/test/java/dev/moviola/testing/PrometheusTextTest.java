package dev.moviola.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test parser accepts the format's own example and refuses what a scraper would refuse. */
class PrometheusTextTest {
    private static final String EXAMPLE = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            """;

    @Test
    void readsTheFormatsOwnExample() {
        PrometheusText t = PrometheusText.parse(EXAMPLE);
        assertThat(t.value("http_requests_total", "code", "400")).isEqualTo(3);
        assertThat(t.value("http_requests_total")).isEqualTo(1030);
        assertThat(t.families().get("http_requests_total").type()).isEqualTo("counter");
        assertThat(t.families().get("http_request_duration_seconds").samples()).hasSize(5);
        assertThat(t.samples().stream().filter(s -> s.name().startsWith("msdos")).findFirst().orElseThrow()
                .labels().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(t.value("something_weird")).isInfinite();
    }

    @Test
    void refusesWhatTheFormatDoesNotAllow() {
        for (String bad : new String[] {
                "1metric 1\n",                                          // name starts with a digit
                "m{a=\"x} 1\n",                                          // unclosed value
                "m{a=x} 1\n",                                            // unquoted value
                "m{a=\"\\t\"} 1\n",                                      // an escape the format lacks
                "m 1 2 3\n",                                              // too many fields
                "m one\n",                                                // not a number
                "m 1",                                                    // no final line feed
                "m 1\nm 2\n",                                             // the same series twice
                "a 1\nb 1\na{x=\"1\"} 1\n",                               // a family in two groups
                "# TYPE c counter\nc -1\n",                              // a negative counter
                "# TYPE m gauge\n# TYPE m gauge\nm 1\n",                 // two TYPEs
                "m 1\n# TYPE m gauge\n",                                 // TYPE after a sample
                "# TYPE m sometype\nm 1\n",                              // unknown type
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", // not cumulative
                "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",                          // no +Inf
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n",                       // +Inf != count
        }) {
            assertThatThrownBy(() -> PrometheusText.parse(bad)).as(bad).isInstanceOf(PrometheusText.Invalid.class);
        }
    }
}
